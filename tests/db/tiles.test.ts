import http from 'node:http';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { prepareReports } from '../../server/services/intake.ts';
import { insertReports } from '../../server/store/reports.ts';
import { tileForLonLat } from '../../tiles/address.ts';
import { defaultFilters } from '../../tiles/filters.ts';
import { reportsLayer } from '../../tiles/layers.ts';
import { renderTileInJs } from '../../tiles/render.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { startServer, type TestServer } from '../support/server.ts';

const CENTRE = { lat: 54.3487, lon: 18.6536 };
const TILE = tileForLonLat(CENTRE.lon, CENTRE.lat, 14);

function decode(buf: Uint8Array) {
  return new VectorTile(new PbfReader(buf));
}

/** Points spread over a 0.01° square around the centre: all inside tile 14/9040/5233's neighbourhood. */
function grid(n: number, status = 'new', category = 'pothole') {
  return Array.from({ length: n }, (_, i) => ({
    category,
    status: status as 'new',
    lat: CENTRE.lat - 0.004 + (i % 10) * 0.0008,
    lon: CENTRE.lon - 0.004 + Math.floor(i / 10) * 0.0008,
    description: `point ${i}`,
  }));
}

describe.each(DB_KINDS)('report tiles [%s]', (kind) => {
  let db: Database;
  let server: TestServer;
  const tileUrl = (t = TILE, query = '') => `${server.url}/tiles/reports/${t.z}/${t.x}/${t.y}.mvt${query}`;

  beforeAll(async () => {
    db = await testDatabase(kind);
    server = await startServer(db);
  });
  afterAll(() => server.close());
  beforeEach(() => resetReports(db));

  async function insert(items: ReturnType<typeof grid>) {
    await db.transaction(async (c) => insertReports(c, await prepareReports(c, items)));
  }

  it('serves a z14 tile over central Gdańsk that decodes with the expected points', async () => {
    await insert([...grid(40), ...grid(5, 'resolved')]);
    const res = await fetch(tileUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const tile = decode(new Uint8Array(await res.arrayBuffer()));
    const layer = tile.layers.reports!;
    // Resolved reports are not open: the default filter leaves them out.
    expect(layer.length).toBe(40);
    const f = layer.feature(0);
    expect(f.type).toBe(1);
    expect(Object.keys(f.properties).sort()).toEqual(['category', 'status', 'supporters']);
    expect(typeof f.id).toBe('number');
    const lonlat = f.toGeoJSON(TILE.x, TILE.y, TILE.z).geometry as { coordinates: number[] };
    expect(lonlat.coordinates[0]).toBeGreaterThan(CENTRE.lon - 0.005);
    expect(lonlat.coordinates[0]).toBeLessThan(CENTRE.lon + 0.005);
  });

  it('filters by status and category', async () => {
    await insert([...grid(20), ...grid(7, 'resolved', 'litter')]);
    const all = decode(new Uint8Array(await (await fetch(tileUrl(TILE, '?status=new,resolved'))).arrayBuffer()));
    expect(all.layers.reports!.length).toBe(27);
    const litter = decode(new Uint8Array(await (await fetch(tileUrl(TILE, '?status=resolved&category=litter'))).arrayBuffer()));
    expect(litter.layers.reports!.length).toBe(7);
  });

  it('answers an empty 200 for a tile with no reports', async () => {
    const res = await fetch(tileUrl({ z: 14, x: 0, y: 0 }));
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers 400 for a bad address or filter and 404 for an unknown layer', async () => {
    for (const path of ['/tiles/reports/23/0/0.mvt', '/tiles/reports/2/4/0.mvt', '/tiles/reports/x/0/0.mvt', '/tiles/reports/14/9040/5233.mvt?status=lost']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.code).toMatch(/invalid_(tile|filter)/);
    }
    const res = await fetch(`${server.url}/tiles/nope/1/0/0.mvt`);
    expect(res.status).toBe(404);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    await insert(grid(3));
    // Wait until the tile cache has seen the new reports_version, so both requests get the same tile.
    for (let tries = 0; tries < 40; tries++) {
      const tile = decode(new Uint8Array(await (await fetch(tileUrl())).arrayBuffer()));
      if (tile.layers.reports?.length === 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const first = await fetch(tileUrl());
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // node:http, not fetch: fetch adds Cache-Control: no-cache to conditional requests.
    const status = await new Promise<number>((resolve, reject) =>
      http.get(tileUrl(), { headers: { 'if-none-match': etag! } }, (res) => resolve(res.statusCode!)).on('error', reject),
    );
    expect(status).toBe(304);
  });

  it.runIf(kind === 'server')('encodes the same features with ST_AsMVT and with the JS encoder', async () => {
    await insert([...grid(60), ...grid(10, 'in_progress', 'graffiti')]);
    const filters = defaultFilters();
    // Report tiles are cached per reports_version, polled every 250 ms: wait for the new reports.
    let fromSql = decode(new Uint8Array(await (await fetch(tileUrl())).arrayBuffer())).layers.reports!;
    for (let tries = 0; fromSql.length !== 70 && tries < 40; tries++) {
      await new Promise((r) => setTimeout(r, 50));
      fromSql = decode(new Uint8Array(await (await fetch(tileUrl())).arrayBuffer())).layers.reports!;
    }
    const fromJs = decode(await renderTileInJs(db, reportsLayer, TILE, filters)).layers.reports!;
    const features = (l: typeof fromSql) =>
      Array.from({ length: l.length }, (_, i) => l.feature(i))
        .map((f) => ({ id: f.id, props: f.properties, xy: f.loadGeometry()[0]![0]! }))
        .sort((a, b) => a.id! - b.id!);
    const a = features(fromSql);
    const b = features(fromJs);
    expect(b.length).toBe(a.length);
    expect(a.length).toBe(70);
    a.forEach((fa, i) => {
      const fb = b[i]!;
      expect(fb.id).toBe(fa.id);
      expect(fb.props).toEqual(fa.props);
      expect(Math.abs(fb.xy.x - fa.xy.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(fb.xy.y - fa.xy.y)).toBeLessThanOrEqual(1);
    });
  });
});
