import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { DB_KINDS, testDatabase } from '../support/db.ts';
import { api, startServer, type TestServer } from '../support/server.ts';
import { createStaff, PASSWORD, signIn } from '../support/staff.ts';

describe.each(DB_KINDS)('staff sign-in [%s]', (kind) => {
  let db: Database;
  let server: TestServer;

  beforeAll(async () => {
    db = await testDatabase(kind);
    server = await startServer(db, {}, { loginFailuresPerAccount: 3, loginFailuresPerIp: 8 });
  });
  afterAll(() => server.close());

  it('signs in with e-mail and password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const user = await createStaff(db, 'crew', 'roads');
    const res = await api(`${server.url}/api/auth/login`, { method: 'POST', json: { email: user.email.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: user.id, email: user.email, role: 'crew', department: 'roads' });
    expect(res.body.csrf_token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^om_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    // The session table stores a hash, never the token itself.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const { rows } = await db.query('SELECT count(*)::int AS n FROM sessions WHERE id = $1', [token]);
    expect(rows[0]!.n).toBe(0);
  });

  it('refuses a wrong password and an unknown e-mail with the same message', async () => {
    const user = await createStaff(db, 'planner');
    const wrong = await api(`${server.url}/api/auth/login`, { method: 'POST', json: { email: user.email, password: 'nope' } });
    const unknown = await api(`${server.url}/api/auth/login`, { method: 'POST', json: { email: 'nobody@test.ordermap', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('knows who is signed in, and forgets after logout', async () => {
    const user = await createStaff(db, 'dispatcher', 'waste');
    const s = await signIn(server.url, user.email);
    const me = await s.fetch('/api/auth/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe(user.email);
    expect((await s.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await s.fetch('/api/auth/me')).status).toBe(401);
  });

  it('requires the CSRF token on a cookie-authenticated mutation', async () => {
    const user = await createStaff(db, 'crew', 'roads');
    const s = await signIn(server.url, user.email);
    const without = await s.fetch('/api/auth/logout', { method: 'POST', csrf: false });
    expect(without.status).toBe(403);
    expect((await without.json()).error.code).toBe('csrf_failed');
    const wrong = await s.fetch('/api/auth/logout', { method: 'POST', csrf: false, headers: { 'x-csrf-token': 'x'.repeat(32) } });
    expect(wrong.status).toBe(403);
    // The session is still alive: the refused logouts did nothing.
    expect((await s.fetch('/api/auth/me')).status).toBe(200);
  });

  it('expires a session after its lifetime', async () => {
    const user = await createStaff(db, 'crew', 'roads');
    const s = await signIn(server.url, user.email);
    expect((await s.fetch('/api/auth/me')).status).toBe(200);
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    expect((await s.fetch('/api/auth/me')).status).toBe(401);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [user.id]);
    expect(rows[0]!.n).toBe(0);
  });

  it('rate-limits failed sign-ins per account, even with the right password afterwards', async () => {
    const user = await createStaff(db, 'crew', 'greenery');
    for (let i = 0; i < 3; i++) {
      expect((await api(`${server.url}/api/auth/login`, { method: 'POST', json: { email: user.email, password: 'bad' } })).status).toBe(401);
    }
    const locked = await api(`${server.url}/api/auth/login`, { method: 'POST', json: { email: user.email, password: PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    // Another account from the same address is not locked by this one.
    const other = await createStaff(db, 'crew', 'greenery');
    expect((await api(`${server.url}/api/auth/login`, { method: 'POST', json: { email: other.email, password: PASSWORD } })).status).toBe(200);
  });

  it('rate-limits failed sign-ins per client address across accounts', async () => {
    const ipServer = await startServer(db, {}, { loginFailuresPerAccount: 100, loginFailuresPerIp: 4 });
    try {
      for (let i = 0; i < 4; i++) {
        const r = await api(`${ipServer.url}/api/auth/login`, { method: 'POST', json: { email: `x${i}@test.ordermap`, password: 'bad' } });
        expect(r.status).toBe(401);
      }
      const user = await createStaff(db, 'planner');
      const r = await api(`${ipServer.url}/api/auth/login`, { method: 'POST', json: { email: user.email, password: PASSWORD } });
      expect(r.status).toBe(429);
    } finally {
      await ipServer.close();
    }
  });

  it('answers 401 to staff endpoints without a session', async () => {
    for (const path of ['/api/auth/me', '/api/analytics/hexbins', '/api/exports/reports.csv']) {
      const r = await api(server.url + path);
      expect(r.status, path).toBe(401);
      expect(r.body.error.code).toBe('unauthenticated');
    }
  });
});
