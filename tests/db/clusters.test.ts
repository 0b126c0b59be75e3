import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { prepareReports } from '../../server/services/intake.ts';
import { insertReports } from '../../server/store/reports.ts';
import { tileForLonLat } from '../../tiles/address.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { api, startServer, type TestServer } from '../support/server.ts';

const CENTRE = { lat: 54.3487, lon: 18.6536 };
const BBOX = '18.60,54.32,18.70,54.38';

type Item = { category: string; status: 'new' | 'in_progress' | 'resolved'; lat: number; lon: number; description: string; createdAt?: Date };

/** n reports within ~100 m of the centre, so they cluster together at zoom 12. */
function near(n: number, category: string, status: Item['status'] = 'new', createdAt?: Date): Item[] {
  return Array.from({ length: n }, (_, i) => ({
    category,
    status,
    lat: CENTRE.lat + ((i % 7) - 3) * 0.0002,
    lon: CENTRE.lon + (Math.floor(i / 7) - 3) * 0.0003,
    description: `${category} ${i}`,
    ...(createdAt ? { createdAt } : {}),
  }));
}

type Feature = { id: number; properties: Record<string, any>; geometry: { coordinates: [number, number] } };

describe.each(DB_KINDS)('clusters [%s]', (kind) => {
  let db: Database;
  let server: TestServer;
  const clusters = async (query: string) => {
    const res = await api(`${server.url}/api/clusters?bbox=${BBOX}&${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.features as Feature[];
  };
  const total = (fs: Feature[]) => fs.reduce((n, f) => n + (f.properties.cluster ? f.properties.point_count : 1), 0);
  /** Polls until `check` holds or `ms` pass; returns the elapsed milliseconds. */
  async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
    const start = Date.now();
    for (;;) {
      if (await check()) return Date.now() - start;
      if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    db = await testDatabase(kind);
    await resetReports(db);
    server = await startServer(db);
  });
  afterAll(() => server.close());

  async function insert(items: Item[]) {
    await db.transaction(async (c) => insertReports(c, await prepareReports(c, items)));
  }

  describe('with a known set of reports', () => {
    beforeAll(async () => {
      await resetReports(db);
      await insert([
        ...near(30, 'pothole'),
        ...near(12, 'litter', 'in_progress'),
        ...near(9, 'graffiti', 'resolved', new Date('2025-01-10T12:00:00Z')),
        ...near(5, 'pothole', 'resolved', new Date('2025-03-01T12:00:00Z')),
      ]);
      // Wait for the index to reflect the inserts (the service polls reports_version).
      await within(5000, async () => total(await clusters('zoom=12')) === 42);
    });

    it('clusters open reports by default and counts them by status and category', async () => {
      const fs = await clusters('zoom=12');
      expect(fs).toHaveLength(1);
      const c = fs[0]!.properties;
      expect(c).toMatchObject({ cluster: true, point_count: 42, dominant_category: 'pothole' });
      expect(c.statuses).toEqual({ new: 30, in_progress: 12 });
      expect(c.categories).toEqual({ pothole: 30, litter: 12 });
      expect(fs[0]!.geometry.coordinates[0]).toBeCloseTo(CENTRE.lon, 2);
    });

    it('counts only what the filters let through', async () => {
      const one = (await clusters('zoom=12&category=litter'))[0]!.properties;
      expect(one).toMatchObject({ point_count: 12, categories: { litter: 12 }, statuses: { in_progress: 12 } });
      const all = (await clusters('zoom=12&status=new,in_progress,resolved'))[0]!.properties;
      expect(all).toMatchObject({ point_count: 56, categories: { pothole: 35, litter: 12, graffiti: 9 } });
      const resolvedPotholes = (await clusters('zoom=12&status=resolved&category=pothole'))[0]!.properties;
      expect(resolvedPotholes.point_count).toBe(5);
      const roads = (await clusters('zoom=12&status=new,in_progress,resolved&department=roads'))[0]!.properties;
      expect(roads.categories).toEqual({ pothole: 35 });
      const january = await clusters('zoom=12&status=resolved&since=2025-01-01&until=2025-01-31');
      expect(total(january)).toBe(9);
      expect(await clusters('zoom=12&category=snow_ice')).toEqual([]);
    });

    it('returns single reports with id, category and status at high zoom', async () => {
      const fs = await clusters('zoom=20&category=litter');
      expect(fs).toHaveLength(12);
      for (const f of fs) {
        expect(f.properties).toEqual({ id: f.id, category: 'litter', status: 'in_progress' });
      }
    });

    it('expands a cluster and pages through its leaves under the same filters', async () => {
      const [c] = await clusters('zoom=12&category=pothole');
      const id = c!.properties.cluster_id;
      const zoom = await api(`${server.url}/api/clusters/${id}/expansion-zoom?category=pothole`);
      expect(zoom.status).toBe(200);
      expect(zoom.body.expansion_zoom).toBeGreaterThan(12);
      const page1 = await api(`${server.url}/api/clusters/${id}/leaves?category=pothole&limit=20`);
      const page2 = await api(`${server.url}/api/clusters/${id}/leaves?category=pothole&limit=20&offset=20`);
      expect(page1.body.features).toHaveLength(20);
      expect(page2.body.features).toHaveLength(10);
      const ids = new Set([...page1.body.features, ...page2.body.features].map((f: Feature) => f.id));
      expect(ids.size).toBe(30);
      const gone = await api(`${server.url}/api/clusters/${id + 32 * 999}/expansion-zoom?category=pothole`);
      expect(gone.status).toBe(404);
      expect(gone.body.error.code).toBe('not_found');
    });

    it('serves the clusters tile layer from the same index, with the same filters', async () => {
      const t = tileForLonLat(CENTRE.lon, CENTRE.lat, 12);
      const res = await fetch(`${server.url}/tiles/clusters/${t.z}/${t.x}/${t.y}.mvt?category=litter`);
      expect(res.status).toBe(200);
      const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.clusters!;
      expect(layer.length).toBe(1);
      expect(layer.feature(0).properties).toMatchObject({ cluster: true, point_count: 12, category_litter: 12, status_in_progress: 12 });
      // Below the raw zoom, a reports tile answers with the clusters layer.
      const low = await fetch(`${server.url}/tiles/reports/${t.z}/${t.x}/${t.y}.mvt`);
      const lowTile = new VectorTile(new PbfReader(new Uint8Array(await low.arrayBuffer())));
      expect(Object.keys(lowTile.layers)).toEqual(['clusters']);
      expect(lowTile.layers.clusters!.feature(0).properties.point_count).toBe(42);
    });

    it('answers 400 for a bad bbox, zoom, filter, id, limit or offset', async () => {
      for (const path of [
        '/api/clusters?zoom=3',
        `/api/clusters?bbox=1,2,3&zoom=3`,
        `/api/clusters?bbox=${BBOX}`,
        `/api/clusters?bbox=${BBOX}&zoom=23`,
        `/api/clusters?bbox=${BBOX}&zoom=1.5`,
        `/api/clusters?bbox=${BBOX}&zoom=3&status=lost`,
        `/api/clusters?bbox=${BBOX}&zoom=3&category=unicorns`,
        `/api/clusters?bbox=${BBOX}&zoom=3&department=nasa`,
        `/api/clusters?bbox=${BBOX}&zoom=3&since=yesterday`,
        `/api/clusters?bbox=${BBOX}&zoom=3&since=2025-02-01&until=2025-01-01`,
        '/api/clusters/abc/expansion-zoom',
        '/api/clusters/5/leaves?limit=0',
        '/api/clusters/5/leaves?offset=-1',
      ]) {
        const res = await api(server.url + path);
        expect(res.status, path).toBe(400);
        expect(res.body.error.code, path).toMatch(/^invalid_|too_many/);
      }
    });
  });

  describe('freshness', () => {
    beforeEach(() => resetReports(db));

    it('shows a report filed through the API in /api/clusters and the cluster tiles within 2 s', async () => {
      await within(5000, async () => total(await clusters('zoom=14')) === 0);
      const created = await api(`${server.url}/api/reports`, { method: 'POST', json: { category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon } });
      expect(created.status).toBe(201);
      const ms = await within(2000, async () => (await clusters('zoom=18')).some((f) => f.id === created.body.id));
      expect(ms).toBeLessThan(2000);
      const t = tileForLonLat(CENTRE.lon, CENTRE.lat, 15);
      const res = await fetch(`${server.url}/tiles/clusters/${t.z}/${t.x}/${t.y}.mvt`);
      const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.clusters!;
      expect(layer.feature(0).id).toBe(created.body.id);
    });

    it('follows changes made outside the API: updates and deletes in SQL', async () => {
      await insert(near(3, 'litter'));
      await within(2000, async () => total(await clusters('zoom=12')) === 3);
      await db.query(`UPDATE reports SET status = 'resolved' WHERE id = (SELECT min(id) FROM reports)`);
      await within(2000, async () => total(await clusters('zoom=12')) === 2);
      await db.query('DELETE FROM reports WHERE id = (SELECT max(id) FROM reports)');
      await within(2000, async () => total(await clusters('zoom=12')) === 1);
      expect(total(await clusters('zoom=12&status=resolved'))).toBe(1);
    });
  });
});
