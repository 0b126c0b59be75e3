import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seed } from '../../fixtures/seed.ts';
import type { Database } from '../../server/db/database.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { api, startServer, type TestServer } from '../support/server.ts';
import { createStaff, signIn, type Session } from '../support/staff.ts';

// Długi Targ (Śródmieście), the Northern Port quays, Park Oliwski.
const CENTRE = { lat: 54.3487, lon: 18.6536 };
const PORT = { lat: 54.392, lon: 18.705 };
const PARK = { lat: 54.4105, lon: 18.5595 };

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon',
  coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});
const feature = (properties: Record<string, unknown>, geometry: unknown = square(CENTRE.lon, CENTRE.lat, 0.002)) => ({
  type: 'Feature',
  properties,
  geometry,
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe.each(DB_KINDS)('department areas [%s]', (kind) => {
  let db: Database;
  let server: TestServer;
  let admin: Session;
  const importAreas = async (body: unknown, query = '', as?: Session) => {
    const res = await (as ?? admin).fetch(`/api/admin/areas${query}`, { method: 'POST', json: body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const file = async (category: string, at: { lat: number; lon: number }) =>
    (await api(`${server.url}/api/reports`, { method: 'POST', json: { category, ...at, not_duplicate: true } })).body;
  const areaCount = async () => (await db.query<{ n: number }>('SELECT count(*) AS n FROM department_areas')).rows[0]!.n;

  beforeAll(async () => {
    db = await testDatabase(kind);
    server = await startServer(db);
    admin = await signIn(server.url, (await createStaff(db, 'admin')).email);
  });
  afterAll(() => server.close());
  beforeEach(() => resetReports(db));
  // Imports replace the seeded areas: put the seed's areas back (it adds those missing by name).
  afterEach(async () => {
    await db.query(`DELETE FROM department_areas WHERE department_id IN (SELECT id FROM departments WHERE code IN ('municipal_police', 'roads', 'parks'))`);
    await seed(db, { city: 'gdansk', demoReports: 0 });
  });

  it('routes by the seeded overlapping areas: the port takes everything on its land, the park only greenery', async () => {
    expect((await file('litter', PORT)).department.code).toBe('port_authority');
    expect((await file('pothole', PORT)).department.code).toBe('port_authority');
    expect((await file('fallen_tree', PARK)).department.code).toBe('parks');
    expect((await file('pothole', PARK)).department.code).toBe('roads');
    expect((await file('fallen_tree', CENTRE)).department.code).toBe('greenery');
  });

  it('counts in a dry run how many open reports would change department, and changes nothing', async () => {
    const potholes = [await file('pothole', CENTRE), await file('pothole', { lat: CENTRE.lat + 0.001, lon: CENTRE.lon })];
    await file('pothole', { lat: 54.36, lon: 18.64 }); // outside the new area
    const closed = await file('pothole', { lat: CENTRE.lat - 0.001, lon: CENTRE.lon });
    await db.query(`UPDATE reports SET status = 'resolved' WHERE id = $1`, [closed.id]);
    const before = await areaCount();
    const body = collection(feature({ department: 'municipal_police', name: 'old town pedestrian zone', priority: 20 }));
    const dry = await importAreas(body, '?dry_run=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dry_run: true, departments: ['municipal_police'], features: 1, imported: 1, areas_replaced: 35, rejected: [], reports_rerouted: 2 });
    expect(await areaCount()).toBe(before);
    for (const p of potholes) expect((await api(`${server.url}/api/reports/${p.id}`)).body.department.code).toBe('roads');

    const real = await importAreas(body);
    expect(real.body).toMatchObject({ dry_run: false, imported: 1, areas_replaced: 35, reports_rerouted: 2 });
    expect(await areaCount()).toBe(before - 35 + 1);
    const moved = (await api(`${server.url}/api/reports/${potholes[0]!.id}`)).body;
    expect(moved.department.code).toBe('municipal_police');
    expect(moved.history.at(-1)).toMatchObject({ kind: 'department', from: 'roads', to: 'municipal_police' });
    expect((await api(`${server.url}/api/reports/${closed.id}`)).body.department.code).toBe('roads');
    expect((await file('pothole', CENTRE)).department.code).toBe('municipal_police');
  });

  it('moves reports of a department whose areas shrink to whoever owns the spot now, or to triage', async () => {
    const graffiti = await file('graffiti', CENTRE);
    expect(graffiti.department.code).toBe('municipal_police');
    const res = await importAreas(collection(feature({ department: 'municipal_police', categories: ['illegal_parking'] }, square(18.6, 54.38, 0.002))));
    expect(res.body.reports_rerouted).toBe(1);
    const after = (await api(`${server.url}/api/reports/${graffiti.id}`)).body;
    expect(after).toMatchObject({ department: { code: 'contact_centre' }, needs_triage: true });
  });

  it('repairs a self-intersecting polygon with ST_MakeValid and says so', async () => {
    const bowtie = {
      type: 'Polygon',
      coordinates: [[[18.650, 54.347], [18.657, 54.351], [18.657, 54.347], [18.650, 54.351], [18.650, 54.347]]],
    };
    const res = await importAreas(collection(feature({ department: 'roads', categories: ['pothole'] }, bowtie)));
    expect(res.status).toBe(200);
    expect(res.body.repaired).toEqual([{ index: 0, reason: expect.stringMatching(/^repaired with ST_MakeValid: Self-intersection/) }]);
    const { rows } = await db.query<{ valid: boolean; parts: number }>(
      `SELECT ST_IsValid(geom) AS valid, ST_NumGeometries(geom) AS parts FROM department_areas a JOIN departments d ON d.id = a.department_id WHERE d.code = 'roads'`,
    );
    expect(rows).toEqual([{ valid: true, parts: 2 }]);
  });

  it('rejects unusable features with their index and reason, and then changes nothing', async () => {
    const before = await areaCount();
    const res = await importAreas(
      collection(
        feature({ department: 'roads' }),
        feature({ department: 'nasa' }),
        feature({ department: 'roads' }, { type: 'LineString', coordinates: [[18.6, 54.3], [18.7, 54.4]] }),
        feature({ department: 'roads' }, { type: 'Polygon', coordinates: [[[18.6, 54.3], [18.7, 54.3], [18.7, 54.4], [18.6, 54.4]]] }),
        feature({ department: 'roads', categories: ['pothole', 'volcano'] }),
        feature({ department: 'roads', priority: 1.5 }),
        feature({ department: 'roads' }, square(21.01, 52.23, 0.01)),
        feature({ department: 'roads' }, { type: 'Polygon', coordinates: [[[18.6, 54.3], [18.6, 54.35], [18.6, 54.4], [18.6, 54.3]]] }),
      ),
    );
    expect(res.status).toBe(422);
    expect(res.body.rejected).toEqual([
      { index: 1, reason: 'unknown department "nasa"' },
      { index: 2, reason: 'the geometry is a LineString; only Polygon and MultiPolygon can be areas' },
      { index: 3, reason: 'ring 0 is not closed (its first and last positions differ)' },
      { index: 4, reason: 'unknown category "volcano"' },
      { index: 5, reason: 'properties.priority must be an integer from -1000 to 1000' },
      { index: 6, reason: 'the polygon lies entirely outside the service area' },
      { index: 7, reason: expect.stringMatching(/^the polygon has no area/) },
    ]);
    expect(res.body.imported).toBe(0);
    expect(await areaCount()).toBe(before);
  });

  it('replaces one department per call and needs an administrator', async () => {
    const two = await importAreas(collection(feature({ department: 'roads' }), feature({ department: 'waste' })));
    expect(two.status).toBe(400);
    expect(two.body.error.code).toBe('several_departments');
    expect((await importAreas({ type: 'Feature' })).body.error.code).toBe('invalid_geojson');
    const dispatcher = await signIn(server.url, (await createStaff(db, 'dispatcher', 'roads')).email);
    expect((await importAreas(collection(feature({ department: 'roads' })), '', dispatcher)).status).toBe(403);
    expect((await api(`${server.url}/api/admin/areas`, { method: 'POST', json: collection(feature({ department: 'roads' })) })).status).toBe(401);
  });
});
