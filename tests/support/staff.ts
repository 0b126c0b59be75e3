import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../server/auth/passwords.ts';
import type { Database } from '../../server/db/database.ts';
import type { Role } from '../../server/domain/permissions.ts';
import { createUser } from '../../server/store/users.ts';

export const PASSWORD = 'correct horse battery staple';

/** Creates a staff user with a unique e-mail and the test password. */
export async function createStaff(db: Database, role: Role, department: string | null = null) {
  const email = `${role}-${randomUUID().slice(0, 8)}@test.ordermap`;
  return createUser(db, { email, role, department, passwordHash: await hashPassword(PASSWORD) });
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Fetch with the session cookie (and the CSRF header on mutations unless `csrf: false`). */
  fetch(path: string, init?: RequestInit & { json?: unknown; csrf?: boolean }): Promise<Response>;
}

/** Signs in through the API and returns a session that sends its cookie. */
export async function signIn(baseUrl: string, email: string, password = PASSWORD): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrf_token: csrf } = (await res.json()) as { csrf_token: string };
  return {
    cookie,
    csrf,
    fetch(path, init = {}) {
      const { json, csrf: sendCsrf = true, ...rest } = init;
      const method = (rest.method ?? 'GET').toUpperCase();
      return fetch(baseUrl + path, {
        ...rest,
        headers: {
          cookie,
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(method !== 'GET' && sendCsrf ? { 'x-csrf-token': csrf } : {}),
          ...(rest.headers ?? {}),
        },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
  };
}
