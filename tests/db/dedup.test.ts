import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { offset } from '../support/geo.ts';
import { api, startServer, type TestServer } from '../support/server.ts';

// Długi Targ, Gdańsk (Śródmieście). A pothole's duplicate radius is 30 m, its window 30 days.
const CENTRE = { lat: 54.3487, lon: 18.6536 };

describe.each(DB_KINDS)('deduplication [%s]', (kind) => {
  let db: Database;
  let server: TestServer;
  const post = (json: unknown, headers: Record<string, string> = {}) =>
    api(`${server.url}/api/reports`, { method: 'POST', json, headers });
  const count = async (where = 'true') => (await db.query<{ n: number }>(`SELECT count(*) AS n FROM reports WHERE ${where}`)).rows[0]!.n;

  beforeAll(async () => {
    db = await testDatabase(kind);
    server = await startServer(db);
  });
  afterAll(() => server.close());
  beforeEach(() => resetReports(db));

  it('files a second pothole 25 m away as a duplicate of the first and counts a supporter', async () => {
    const first = await post({ category: 'pothole', ...CENTRE, description: 'first' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'new', duplicate_of: null, supporters: 0 });
    const second = await post({ category: 'pothole', ...offset(CENTRE, 0, 25), description: 'second' });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'duplicate', duplicate_of: first.body.id });
    const master = await api(`${server.url}/api/reports/${first.body.id}`);
    expect(master.body.supporters).toBe(1);
    expect(master.body.history.map((e: { kind: string }) => e.kind)).toEqual(['created', 'support']);
  });

  it('measures the radius in true metres: 25 m east and north are duplicates, 35 m are not', async () => {
    // At 54° N a degree of longitude is 0.58 of a degree of latitude: a radius in degrees would get one of these wrong.
    const master = (await post({ category: 'pothole', ...CENTRE })).body;
    for (const [north, east, dup] of [[25, 0, true], [0, 25, true], [35, 0, false], [0, 35, false]] as const) {
      const r = await post({ category: 'pothole', ...offset(CENTRE, north, east) });
      expect(r.status).toBe(201);
      expect(r.body.duplicate_of, `${north} m north, ${east} m east`).toBe(dup ? master.id : null);
      if (!dup) await db.query(`UPDATE reports SET status = 'rejected' WHERE id = $1`, [r.body.id]);
    }
  });

  it('uses each category’s radius: illegal dumping 70 m away is a duplicate, a street light 25 m away is not', async () => {
    const dump = (await post({ category: 'illegal_dumping', ...CENTRE })).body;
    expect((await post({ category: 'illegal_dumping', ...offset(CENTRE, 70, 0) })).body.duplicate_of).toBe(dump.id);
    const lamp = (await post({ category: 'street_light_out', ...CENTRE })).body;
    expect(lamp.duplicate_of).toBeNull();
    expect((await post({ category: 'street_light_out', ...offset(CENTRE, 25, 0) })).body.duplicate_of).toBeNull();
  });

  it('picks the nearest open report and ignores other categories, closed reports and reports older than the window', async () => {
    const far = (await post({ category: 'pothole', ...offset(CENTRE, 20, 0) })).body;
    const near = (await post({ category: 'pothole', ...offset(CENTRE, 0, -10), not_duplicate: true })).body;
    expect(near.duplicate_of).toBeNull();
    expect((await post({ category: 'pothole', ...CENTRE })).body.duplicate_of).toBe(near.id);
    await db.query(`UPDATE reports SET status = 'resolved' WHERE id = $1`, [near.id]);
    expect((await post({ category: 'pothole', ...CENTRE })).body.duplicate_of).toBe(far.id);
    await db.query(`UPDATE reports SET created_at = now() - interval '31 days' WHERE id = $1`, [far.id]);
    expect((await post({ category: 'pothole', ...CENTRE })).body.duplicate_of).toBeNull();
    expect((await post({ category: 'litter', ...CENTRE })).body.duplicate_of).toBeNull();
  });

  it('files separately when the resident says not_duplicate, also as a form string', async () => {
    const master = (await post({ category: 'pothole', ...CENTRE })).body;
    const separate = await post({ category: 'pothole', ...CENTRE, not_duplicate: true });
    expect(separate.body).toMatchObject({ status: 'new', duplicate_of: null });
    const form = new FormData();
    for (const [k, v] of Object.entries({ category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon, not_duplicate: 'true' })) form.set(k, String(v));
    const res = await fetch(`${server.url}/api/reports`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect((await res.json()).duplicate_of).toBeNull();
    expect((await api(`${server.url}/api/reports/${master.id}`)).body.supporters).toBe(0);
  });

  it('turns 20 simultaneous identical submissions into exactly one master and 19 duplicates', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post({ category: 'pothole', ...CENTRE, description: `same hole ${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const masters = results.filter((r) => r.body.duplicate_of === null);
    expect(masters).toHaveLength(1);
    const masterId = masters[0]!.body.id;
    expect(results.filter((r) => r.body.duplicate_of === masterId)).toHaveLength(19);
    expect(await count(`status = 'new'`)).toBe(1);
    expect(await count(`status = 'duplicate' AND duplicate_of = ${masterId}`)).toBe(19);
    expect((await api(`${server.url}/api/reports/${masterId}`)).body.supporters).toBe(19);
  });

  it('lists open reports of the category within its suggestion radius, nearest first, at most 10', async () => {
    for (let i = 0; i < 12; i++) await post({ category: 'pothole', ...offset(CENTRE, 0, 40 + i * 15), not_duplicate: true });
    await post({ category: 'pothole', ...offset(CENTRE, 300, 0) }); // beyond 250 m
    await post({ category: 'litter', ...CENTRE });
    const closed = (await post({ category: 'pothole', ...offset(CENTRE, 5, 0), not_duplicate: true })).body;
    await db.query(`UPDATE reports SET status = 'resolved' WHERE id = $1`, [closed.id]);
    const res = await api(`${server.url}/api/reports/nearby?lat=${CENTRE.lat}&lon=${CENTRE.lon}&category=pothole`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ category: 'pothole', radius_m: 250, duplicate_radius_m: 30 });
    const distances = res.body.reports.map((r: { distance_m: number }) => r.distance_m);
    expect(distances).toHaveLength(10);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    // The test places points on a sphere; PostGIS measures on the ellipsoid (within 0.5 %).
    expect(Math.abs(distances[0] - 40)).toBeLessThan(0.5);
    expect(Math.abs(distances[9] - 175)).toBeLessThan(1);
    expect(res.body.reports.every((r: { category: string; status: string }) => r.category === 'pothole' && r.status === 'new')).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/contact/);
  });

  it('answers 400 to a nearby query without a category or with a bad coordinate', async () => {
    expect((await api(`${server.url}/api/reports/nearby?lat=54.3&lon=18.6`)).body.error.code).toBe('invalid_query');
    expect((await api(`${server.url}/api/reports/nearby?lat=x&lon=18.6&category=pothole`)).status).toBe(400);
    expect((await api(`${server.url}/api/reports/nearby?lat=54.3&lon=18.6&category=volcano`)).body.error.code).toBe('unknown_category');
  });

  it('returns the original report for a retry with the same Idempotency-Key and creates nothing', async () => {
    const headers = { 'idempotency-key': 'a3c1f7e0-report-1' };
    const first = await post({ category: 'pothole', ...CENTRE }, headers);
    expect(first.status).toBe(201);
    const retries = await Promise.all([1, 2, 3].map(() => post({ category: 'pothole', ...CENTRE }, headers)));
    for (const r of retries) {
      expect(r.status).toBe(200);
      expect(r.headers.get('idempotent-replayed')).toBe('true');
      expect(r.body.id).toBe(first.body.id);
    }
    expect(await count()).toBe(1);
    expect((await api(`${server.url}/api/reports/${first.body.id}`)).body.supporters).toBe(0);
    const bad = await post({ category: 'pothole', ...CENTRE }, { 'idempotency-key': 'has spaces in it' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_idempotency_key');
  });

  it('lets 10 simultaneous first attempts with one Idempotency-Key create one report', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post({ category: 'pothole', ...CENTRE }, { 'idempotency-key': 'same-key-at-once' })),
    );
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await count()).toBe(1);
  });
});
