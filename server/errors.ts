import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/** The one error type that crosses the HTTP boundary: `{ error: { code, message, details } }`. */
export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details: unknown = null,
  ) {
    super(message);
  }
}

/** 400: the request is malformed or a value is out of range. */
export const badRequest = (code: string, message: string, details: unknown = null) =>
  new HttpError(400, code, message, details);

/** 404: the thing addressed does not exist. */
export const notFound = (message: string, details: unknown = null) => new HttpError(404, 'not_found', message, details);

/** 422: well-formed, but the city cannot accept it (e.g. a point outside the service area). */
export const unprocessable = (code: string, message: string, details: unknown = null) =>
  new HttpError(422, code, message, details);

/** Maps any thrown value to the JSON error shape; unexpected errors are logged and answered 500 without details. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let e: HttpError;
    if (err instanceof HttpError) e = err;
    else if (isBodyParserError(err)) {
      e =
        err.type === 'entity.too.large'
          ? new HttpError(413, 'payload_too_large', `Request body exceeds ${err.limit} bytes`, { limit: err.limit })
          : new HttpError(400, 'invalid_body', 'Request body is not valid JSON', { reason: err.message });
    } else {
      log.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
      e = new HttpError(500, 'internal', 'Internal server error');
    }
    if (res.headersSent) return void res.end();
    res.status(e.status).json({ error: { code: e.code, message: e.message, details: e.details } });
  };
}

interface BodyParserError {
  type: string;
  limit?: number;
  message: string;
  status: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && 'type' in err && 'status' in err && typeof (err as { type: unknown }).type === 'string';
}
