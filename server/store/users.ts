import type { Role, StaffUser } from '../domain/permissions.ts';
import type { Queryable } from './places.ts';

const USER_COLUMNS = `u.id, u.email, u.role, u.department_id AS "departmentId", d.code AS "departmentCode",
  coalesce(d.is_fallback, false) AS "departmentIsFallback"`;

/** Creates a staff user; the department is given by code (null for planners and admins). */
export async function createUser(
  q: Queryable,
  user: { email: string; passwordHash: string; role: Role; department: string | null },
): Promise<StaffUser> {
  const { rows } = await q.query<StaffUser>(
    `WITH u AS (
       INSERT INTO users (email, password_hash, role, department_id)
       VALUES ($1, $2, $3, (SELECT id FROM departments WHERE code = $4))
       RETURNING *)
     SELECT ${USER_COLUMNS} FROM u LEFT JOIN departments d ON d.id = u.department_id`,
    [user.email, user.passwordHash, user.role, user.department],
  );
  return rows[0]!;
}

/** An enabled user and its password hash, by e-mail (case-insensitive). */
export async function findUserForLogin(q: Queryable, email: string): Promise<(StaffUser & { passwordHash: string }) | undefined> {
  const { rows } = await q.query<StaffUser & { passwordHash: string }>(
    `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash"
       FROM users u LEFT JOIN departments d ON d.id = u.department_id
      WHERE lower(u.email) = lower($1) AND NOT u.disabled`,
    [email],
  );
  return rows[0];
}

/** Creates a session; `id` is the token's hash. */
export async function createSession(q: Queryable, s: { id: string; userId: number; csrfToken: string; ttlMs: number }): Promise<void> {
  await q.query(
    `INSERT INTO sessions (id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')`,
    [s.id, s.userId, s.csrfToken, s.ttlMs],
  );
}

/**
 * The live session's user, sliding its expiry forward by `ttlMs` (never past 7 days after login).
 * An expired session is deleted and gives undefined.
 */
export async function touchSession(q: Queryable, id: string, ttlMs: number): Promise<(StaffUser & { csrfToken: string }) | undefined> {
  const { rows } = await q.query<StaffUser & { csrfToken: string }>(
    `WITH s AS (
       UPDATE sessions SET last_seen_at = now(),
              expires_at = least(now() + $2 * interval '1 millisecond', created_at + interval '7 days')
        WHERE id = $1 AND expires_at > now()
        RETURNING user_id, csrf_token)
     SELECT ${USER_COLUMNS}, s.csrf_token AS "csrfToken"
       FROM s JOIN users u ON u.id = s.user_id LEFT JOIN departments d ON d.id = u.department_id
      WHERE NOT u.disabled`,
    [id, ttlMs],
  );
  if (!rows[0]) await q.query('DELETE FROM sessions WHERE id = $1 OR expires_at < now()', [id]);
  return rows[0];
}

/** Ends a session. */
export async function deleteSession(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE id = $1', [id]);
}
