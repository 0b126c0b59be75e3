import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { offset } from '../support/geo.ts';
import { api, startServer, type TestServer } from '../support/server.ts';
import { createStaff, signIn, type Session } from '../support/staff.ts';

const CENTRE = { lat: 54.3487, lon: 18.6536 };

describe.each(DB_KINDS)('lifecycle and staff calls [%s]', (kind) => {
  let db: Database;
  let server: TestServer;
  let admin: Session;
  let adminEmail: string;
  const staff = async (path: string, json: unknown = {}, as?: Session) => {
    const res = await (as ?? admin).fetch(`/api/staff${path}`, { method: 'POST', json });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const staffView = async (id: number) => (await admin.fetch(`/api/staff/reports/${id}`)).json() as Promise<any>;
  const file = async (at = CENTRE, extra: Record<string, unknown> = {}) =>
    (await api(`${server.url}/api/reports`, { method: 'POST', json: { category: 'pothole', ...at, not_duplicate: true, ...extra } })).body;
  const get = async (id: number) => (await api(`${server.url}/api/reports/${id}`)).body;

  beforeAll(async () => {
    db = await testDatabase(kind);
    server = await startServer(db);
    adminEmail = (await createStaff(db, 'admin')).email;
    admin = await signIn(server.url, adminEmail);
  });
  afterAll(() => server.close());
  beforeEach(() => resetReports(db));

  it('refuses staff calls without a session (401) or from another department (403), and changes nothing', async () => {
    const r = await file();
    const none = await api(`${server.url}/api/staff/reports/${r.id}/status`, { method: 'POST', json: { status: 'resolved' } });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthenticated');
    const greenery = await signIn(server.url, (await createStaff(db, 'crew', 'greenery')).email);
    const wrong = await staff(`/reports/${r.id}/status`, { status: 'resolved' }, greenery);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('forbidden_department');
    expect((await get(r.id)).status).toBe('new');
  });

  it('walks a report through acknowledged, in progress and resolved, keeping SLA timestamps and a public history', async () => {
    const r = await file();
    const ack = await staff(`/reports/${r.id}/status`, { status: 'acknowledged', note: 'crew informed' });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledged_at).not.toBeNull();
    await staff(`/reports/${r.id}/status`, { status: 'in_progress' });
    const done = await staff(`/reports/${r.id}/status`, { status: 'resolved', note: 'patched' });
    expect(done.body).toMatchObject({ status: 'resolved', acknowledged_at: ack.body.acknowledged_at });
    expect(done.body.resolved_at).not.toBeNull();
    expect(done.body.closed_at).toBe(done.body.resolved_at);
    expect(done.body.history.map((e: { kind: string; from: string | null; to: string }) => `${e.kind}:${e.from ?? ''}>${e.to}`)).toEqual([
      'created:>new',
      'status:new>acknowledged',
      'status:acknowledged>in_progress',
      'status:in_progress>resolved',
    ]);
    expect(done.body.history[1].note).toBe('crew informed');
    // Who did it is kept for staff, not shown publicly.
    expect(JSON.stringify(done.body)).not.toContain(adminEmail);
    expect((await staffView(r.id)).history[1]).toMatchObject({ actor: `admin:${adminEmail}`, kind: 'status' });
  });

  it('enforces the transition table with 409 and the allowed next statuses', async () => {
    const r = await file();
    await staff(`/reports/${r.id}/status`, { status: 'rejected', note: 'private property' });
    const bad = await staff(`/reports/${r.id}/status`, { status: 'in_progress' });
    expect(bad.status).toBe(409);
    expect(bad.body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'rejected', to: 'in_progress', allowed: ['acknowledged'] } });
    const dup = await staff(`/reports/${r.id}/status`, { status: 'duplicate' });
    expect(dup.status).toBe(409);
    const unknown = await staff(`/reports/${r.id}/status`, { status: 'lost' });
    expect(unknown.status).toBe(400);
    expect((await get(r.id)).status).toBe('rejected');
  });

  it('reopens a resolved report: back to acknowledged, close timestamps cleared, event noted', async () => {
    const r = await file();
    await staff(`/reports/${r.id}/status`, { status: 'resolved' });
    const reopened = await staff(`/reports/${r.id}/status`, { status: 'acknowledged' });
    expect(reopened.body).toMatchObject({ status: 'acknowledged', resolved_at: null, closed_at: null });
    expect(reopened.body.acknowledged_at).not.toBeNull();
    expect(reopened.body.history.at(-1)).toMatchObject({ kind: 'status', from: 'resolved', to: 'acknowledged', note: 'reopened' });
  });

  it('merges a report into another and undoes it, moving supporters both ways', async () => {
    const master = await file();
    const other = await file(offset(CENTRE, 100, 0));
    // `other` has a supporter of its own, which the merge carries over.
    const supporter = await api(`${server.url}/api/reports`, { method: 'POST', json: { category: 'pothole', ...offset(CENTRE, 100, 0) } });
    expect(supporter.body.duplicate_of).toBe(other.id);
    const merged = await staff(`/reports/${other.id}/merge`, { into: master.id, note: 'same hole, mis-placed pin' });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'duplicate', duplicate_of: master.id });
    expect((await get(master.id)).supporters).toBe(2);
    expect((await staff(`/reports/${master.id}/merge`, { into: other.id })).status).toBe(409);
    expect((await staff(`/reports/${master.id}/merge`, { into: master.id })).status).toBe(400);

    const undone = await staff(`/reports/${other.id}/unmerge`, { note: 'different holes after all' });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ status: 'new', duplicate_of: null, supporters: 1 });
    expect(undone.body.history.map((e: { kind: string }) => e.kind)).toEqual(['created', 'support', 'merge', 'unmerge']);
    const m = await get(master.id);
    expect(m.supporters).toBe(0);
    expect(m.history.map((e: { kind: string; to: string }) => `${e.kind}>${e.to}`)).toEqual(['created>new', 'support>2', 'support>0']);
    expect((await staff(`/reports/${other.id}/unmerge`)).status).toBe(409);
  });

  it('restores an acknowledged report’s status on unmerge and separates an automatic duplicate', async () => {
    const master = await file();
    const other = await file(offset(CENTRE, 50, 0));
    await staff(`/reports/${other.id}/status`, { status: 'acknowledged' });
    await staff(`/reports/${other.id}/merge`, { into: master.id });
    expect((await staff(`/reports/${other.id}/unmerge`)).body.status).toBe('acknowledged');
    const auto = (await api(`${server.url}/api/reports`, { method: 'POST', json: { category: 'pothole', ...CENTRE } })).body;
    expect(auto.duplicate_of).toBe(master.id);
    const separated = await staff(`/reports/${auto.id}/unmerge`);
    expect(separated.body).toMatchObject({ status: 'new', duplicate_of: null });
    expect((await get(master.id)).supporters).toBe(0);
  });

  it('keeps supporters consistent when a merge races with residents reporting at the same spot', async () => {
    const target = await file(offset(CENTRE, 200, 0));
    const merged = await file();
    const [mergeRes, ...filed] = await Promise.all([
      staff(`/reports/${merged.id}/merge`, { into: target.id }),
      ...Array.from({ length: 10 }, () => api(`${server.url}/api/reports`, { method: 'POST', json: { category: 'pothole', ...CENTRE } })),
    ]);
    expect(mergeRes!.status).toBe(200);
    expect(filed.every((r) => r.status === 201)).toBe(true);
    const a = await get(merged.id);
    const b = await get(target.id);
    const attached = (await db.query<{ n: number }>('SELECT count(*) AS n FROM reports WHERE duplicate_of = $1', [merged.id])).rows[0]!.n;
    // Whatever the order: the merged report counts exactly its duplicates, and the target gained it and them.
    expect(a.supporters).toBe(attached);
    expect(b.supporters).toBe(1 + a.supporters);
  });

  it('hands a report to another department with an event, and refuses an unknown department', async () => {
    const r = await file();
    expect(r.department.code).toBe('roads');
    const moved = await staff(`/reports/${r.id}/department`, { department: 'municipal_police', reason: 'a parking problem' });
    expect(moved.body.department.code).toBe('municipal_police');
    expect(moved.body.history.at(-1)).toMatchObject({ kind: 'department', from: 'roads', to: 'municipal_police' });
    // The reason stays with staff; the public sees only the handover.
    expect(moved.body.history.at(-1).note).toBeNull();
    expect(JSON.stringify(moved.body)).not.toContain('a parking problem');
    expect((await staffView(r.id)).history.at(-1)).toMatchObject({ kind: 'note', note: 'a parking problem', is_public: false });
    const noReason = await staff(`/reports/${r.id}/department`, { department: 'roads' });
    expect(noReason.status).toBe(400);
    const bad = await staff(`/reports/${r.id}/department`, { department: 'nasa', reason: 'testing' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('unknown_department');
  });

  it('keeps contact data for staff only', async () => {
    const r = await file(CENTRE, { contact_email: 'ola@example.org', contact_phone: '+48 600 700 800' });
    expect(JSON.stringify(await get(r.id))).not.toMatch(/ola@example|600 700/);
    expect(await staffView(r.id)).toMatchObject({ contact_email: 'ola@example.org', contact_phone: '+48 600 700 800' });
  });
});
