import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { newSessionToken, requireStaff, SESSION_COOKIE, setSessionCookie } from '../auth/middleware.ts';
import { verifyPassword } from '../auth/passwords.ts';
import type { Database } from '../db/database.ts';
import type { StaffUser } from '../domain/permissions.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { HttpError } from '../errors.ts';
import { createSession, deleteSession, findUserForLogin } from '../store/users.ts';

export interface AuthOptions {
  /** Idle lifetime of a session; every request slides it forward. */
  sessionTtlMs: number;
  /** Failed logins allowed per account, and per client IP, in `loginWindowMs`. */
  loginFailuresPerAccount: number;
  loginFailuresPerIp: number;
  loginWindowMs: number;
}

export const DEFAULT_AUTH: AuthOptions = {
  sessionTtlMs: 8 * 3_600_000,
  loginFailuresPerAccount: 5,
  loginFailuresPerIp: 20,
  loginWindowMs: 15 * 60_000,
};

const loginSchema = z.object({
  email: z.string({ error: 'email is required' }).trim().min(3).max(254),
  password: z.string({ error: 'password is required' }).min(1).max(1024),
});

// A hash of a random password, so an unknown e-mail costs as much time as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86);

const publicUser = (u: StaffUser) => ({ id: u.id, email: u.email, role: u.role, department: u.departmentCode });

/** Sign in, sign out, and who am I. */
export function authRouter(db: Database, options: AuthOptions): Router {
  const router = Router();
  const tooMany = (message: string) =>
    (_req: unknown, _res: unknown, next: (err: unknown) => void) => next(new HttpError(429, 'too_many_attempts', message));
  const perIp = rateLimit({
    windowMs: options.loginWindowMs,
    limit: options.loginFailuresPerIp,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: tooMany('Too many failed sign-ins from this address; try again later'),
  });
  const perAccount = rateLimit({
    windowMs: options.loginWindowMs,
    limit: options.loginFailuresPerAccount,
    skipSuccessfulRequests: true,
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: (req) => `account:${String((req.body as { email?: unknown })?.email ?? '').trim().toLowerCase()}`,
    handler: tooMany('Too many failed sign-ins for this account; try again later'),
  });

  router.post('/api/auth/login', perIp, perAccount, async (req, res) => {
    const { email, password } = parseOrThrow(loginSchema, req.body);
    const user = await findUserForLogin(db, email);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) throw new HttpError(401, 'invalid_credentials', 'Wrong e-mail or password');
    const { token, id } = newSessionToken();
    const csrfToken = randomBytes(24).toString('base64url');
    await createSession(db, { id, userId: user.id, csrfToken, ttlMs: options.sessionTtlMs });
    setSessionCookie(req, res, token, options.sessionTtlMs);
    res.json({ user: publicUser(user), csrf_token: csrfToken });
  });

  router.post('/api/auth/logout', requireStaff(), async (req, res) => {
    await deleteSession(db, req.staff!.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/api/auth/me', requireStaff(), (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json({ user: publicUser(req.staff!), csrf_token: req.staff!.csrfToken });
  });

  return router;
}
