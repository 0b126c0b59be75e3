import type { RequestHandler } from 'express';
import multer, { MulterError, type StorageEngine } from 'multer';
import { HttpError } from '../errors.ts';
import { PHOTO_LIMITS, photoRefused } from './photos.ts';

/** The form field that carries photos. */
export const PHOTO_FIELD = 'photos';

/**
 * Keeps each uploaded file in memory, refusing it as soon as it passes the size limit; unlike
 * multer's own limit, the refusal names the file.
 */
const memoryWithLimit: StorageEngine = {
  _handleFile(_req, file, cb) {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    file.stream.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > PHOTO_LIMITS.maxBytes) {
        failed = true;
        file.stream.resume();
        cb(photoRefused(file.originalname, `it is larger than ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`, 413));
        return;
      }
      chunks.push(chunk);
    });
    file.stream.on('error', (err) => {
      if (!failed) cb(err);
      failed = true;
    });
    file.stream.on('end', () => {
      if (!failed) cb(null, { buffer: Buffer.concat(chunks), size });
    });
  },
  _removeFile(_req, file, cb) {
    (file as { buffer?: Buffer }).buffer = undefined as never;
    cb(null);
  },
};

const upload = multer({
  storage: memoryWithLimit,
  limits: { files: PHOTO_LIMITS.maxFiles, fields: 20, fieldSize: 64 * 1024, parts: 30 },
}).array(PHOTO_FIELD, PHOTO_LIMITS.maxFiles);

/** Parses multipart/form-data reports; turns multer's errors into clear 4xx answers. */
export const parsePhotoUpload: RequestHandler = (req, res, next) => {
  upload(req, res, (err: unknown) => {
    if (!err) return next();
    if (err instanceof HttpError) return next(err);
    if (err instanceof MulterError) {
      const messages: Record<string, [number, string]> = {
        LIMIT_FILE_COUNT: [413, `At most ${PHOTO_LIMITS.maxFiles} photos per report`],
        LIMIT_UNEXPECTED_FILE: [400, `Photos go in the "${PHOTO_FIELD}" field, at most ${PHOTO_LIMITS.maxFiles} of them`],
        LIMIT_FIELD_VALUE: [413, `The field "${err.field}" is too long`],
        LIMIT_FIELD_COUNT: [413, 'Too many form fields'],
        LIMIT_PART_COUNT: [413, 'Too many form parts'],
        LIMIT_FILE_SIZE: [413, `A photo is larger than ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`],
      };
      const [status, message] = messages[err.code] ?? [400, err.message];
      return next(new HttpError(status, 'invalid_upload', message, { field: err.field ?? null, reason: err.code }));
    }
    return next(new HttpError(400, 'invalid_upload', 'The multipart form could not be read', { reason: (err as Error).message }));
  });
};
