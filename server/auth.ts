import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Config } from './config.ts';
import { HttpError } from './errors.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Guards staff-only calls with `Authorization: Bearer <ADMIN_TOKEN>` until real accounts exist:
 * 401 without credentials, 403 with the wrong token or when no token is configured.
 */
export function requireAdmin(config: Config): RequestHandler {
  const expected = config.adminToken ? digest(config.adminToken) : null;
  return (req, _res, next) => {
    const header = req.get('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      throw new HttpError(401, 'unauthorized', 'Staff calls need Authorization: Bearer <token>', null);
    }
    // Comparing digests keeps the comparison constant-time whatever the lengths.
    if (!expected || !timingSafeEqual(digest(match[1]!), expected)) {
      throw new HttpError(403, 'forbidden', expected ? 'The token is not valid' : 'Staff calls are disabled: ADMIN_TOKEN is not configured', null);
    }
    next();
  };
}
