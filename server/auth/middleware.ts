import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Database } from '../db/database.ts';
import type { Role, StaffUser } from '../domain/permissions.ts';
import { HttpError } from '../errors.ts';
import { touchSession } from '../store/users.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'om_session';
/** The header a cookie-authenticated mutation must carry, holding the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';

export interface Staff extends StaffUser {
  sessionId: string;
  csrfToken: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    staff?: Staff;
  }
}

/** A new session token and the id it is stored under (its SHA-256). */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token) };
}

/** The stored id of a session token. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Reads one cookie from the Cookie header. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
export function setSessionCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: maxAgeMs });
}

/** Attaches `req.staff` when the request carries a live session cookie. */
export function authenticate(db: Database, ttlMs: number): RequestHandler {
  return async (req, _res, next) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token && /^[A-Za-z0-9_-]{43}$/.test(token)) {
      const id = sessionIdOf(token);
      const user = await touchSession(db, id, ttlMs);
      if (user) req.staff = { ...user, sessionId: id };
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Requires a signed-in staff member with one of `roles` (401 without a session, 403 with another
 * role), and a matching CSRF header on every mutation.
 */
export function requireStaff(...roles: Role[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const staff = req.staff;
    if (!staff) throw new HttpError(401, 'unauthenticated', 'Sign in as staff to do this');
    if (roles.length > 0 && !roles.includes(staff.role)) {
      throw new HttpError(403, 'forbidden', `This needs the role ${roles.join(' or ')}; you are ${staff.role}`, { role: staff.role, allowed: roles });
    }
    if (!SAFE_METHODS.has(req.method)) {
      const sent = Buffer.from(String(req.get(CSRF_HEADER) ?? ''));
      const expected = Buffer.from(staff.csrfToken);
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
        throw new HttpError(403, 'csrf_failed', `Missing or wrong ${CSRF_HEADER} header`);
      }
    }
    next();
  };
}
