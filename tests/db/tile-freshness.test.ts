import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { tileForLonLat } from '../../tiles/address.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { api, startServer, type TestServer } from '../support/server.ts';
import { createStaff, signIn } from '../support/staff.ts';

const SPOT = { lat: 54.3521, lon: 18.6466 };
const TILE = tileForLonLat(SPOT.lon, SPOT.lat, 15);

describe.each(DB_KINDS)('tiles right after a write [%s]', (kind) => {
  let db: Database;
  let server: TestServer;
  const idsInTile = async (query = '') => {
    const res = await fetch(`${server.url}/tiles/reports/${TILE.z}/${TILE.x}/${TILE.y}.mvt${query}`);
    const buf = new Uint8Array(await res.arrayBuffer());
    const layer = buf.length ? new VectorTile(new PbfReader(buf)).layers.reports : undefined;
    return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer!.feature(i).id);
  };

  beforeAll(async () => {
    db = await testDatabase(kind);
    server = await startServer(db);
  });
  afterAll(() => server.close());
  beforeEach(() => resetReports(db));

  it('show a report filed a moment ago, and its new status, without waiting for a poll', async () => {
    await idsInTile(); // the tile is now cached for the current data version
    const filed = await api(`${server.url}/api/reports`, { method: 'POST', json: { category: 'pothole', ...SPOT } });
    expect(filed.status).toBe(201);
    expect(await idsInTile()).toContain(filed.body.id);

    const crew = await signIn(server.url, (await createStaff(db, 'crew', 'roads')).email);
    expect((await crew.fetch(`/api/staff/reports/${filed.body.id}/status`, { method: 'POST', json: { status: 'resolved' } })).status).toBe(200);
    expect(await idsInTile()).not.toContain(filed.body.id);
    expect(await idsInTile('?status=resolved')).toContain(filed.body.id);
  });
});
