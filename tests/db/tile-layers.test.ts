import fs from 'node:fs';
import http from 'node:http';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { prepareReports } from '../../server/services/intake.ts';
import { insertReports } from '../../server/store/reports.ts';
import { tileForLonLat, type TileAddress } from '../../tiles/address.ts';
import { areasLayer, districtsLayer, type SqlLayerDef } from '../../tiles/layers.ts';
import { renderTileInJs } from '../../tiles/render.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { api, startServer, type TestServer } from '../support/server.ts';

const GOLDEN = new URL('../golden/', import.meta.url);
const CENTRE = { lat: 54.3487, lon: 18.6536 };

type Decoded = Record<string, Array<{ id: number | undefined; type: number; properties: Record<string, unknown>; geometry: number[][][] }>>;

/** A tile as plain JSON: layers → features sorted by id, geometry in tile units. */
function decode(buf: Uint8Array): Decoded {
  const tile = new VectorTile(new PbfReader(buf));
  const out: Decoded = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    out[name] = Array.from({ length: layer.length }, (_, i) => layer.feature(i))
      .map((f) => ({ id: f.id, type: f.type, properties: f.properties, geometry: f.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y])) }))
      .sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }
  return out;
}

/** Compares with the committed expected file; REGEN=1 writes it (a missing file is a failure otherwise). */
function golden(name: string, actual: unknown) {
  const file = new URL(`${name}.json`, GOLDEN);
  if (process.env.REGEN) {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(actual, null, 1) + '\n');
  }
  expect(fs.existsSync(file), `golden file ${name}.json is missing: run with REGEN=1 once and commit it`).toBe(true);
  expect(actual).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** Department areas are re-created by area imports (new serial ids): compare them by name and department. */
function withoutSerialIds(d: Decoded): Decoded {
  return Object.fromEntries(
    Object.entries(d).map(([name, features]) => [
      name,
      features
        .map(({ id: _id, ...f }) => ({ ...f, id: undefined }))
        .sort((a, b) => `${a.properties.name}|${a.properties.department}`.localeCompare(`${b.properties.name}|${b.properties.department}`)),
    ]),
  );
}

function bbox(rings: number[][][]) {
  const xs = rings.flat().map((p) => p[0]!);
  const ys = rings.flat().map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const DISTRICTS_TILE = tileForLonLat(CENTRE.lon, CENTRE.lat, 10);
const AREAS_TILE = tileForLonLat(CENTRE.lon, CENTRE.lat, 13);
const REPORTS_TILE = tileForLonLat(CENTRE.lon, CENTRE.lat, 15);
const CLUSTERS_TILE = tileForLonLat(CENTRE.lon, CENTRE.lat, 14);

describe.each(DB_KINDS)('tile layers [%s]', (kind) => {
  let db: Database;
  let server: TestServer;
  const tile = async (layer: string, t: TileAddress, query = '') => {
    const res = await fetch(`${server.url}/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt${query}`);
    expect(res.status).toBe(200);
    return decode(new Uint8Array(await res.arrayBuffer()));
  };

  beforeAll(async () => {
    db = await testDatabase(kind);
    await resetReports(db);
    // Fixed reports (ids 1–24 after the reset) on a small grid around the centre.
    const items = Array.from({ length: 24 }, (_, i) => ({
      category: ['pothole', 'litter', 'graffiti'][i % 3]!,
      status: (['new', 'in_progress', 'resolved'] as const)[i % 3]!,
      lat: CENTRE.lat - 0.003 + (i % 6) * 0.0011,
      lon: CENTRE.lon - 0.004 + Math.floor(i / 6) * 0.0017,
      description: `golden ${i}`,
      createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
    }));
    await db.transaction(async (c) => insertReports(c, await prepareReports(c, items)));
    server = await startServer(db);
  });
  afterAll(() => server.close());

  it('matches the golden districts, areas and reports tiles', async () => {
    golden(`districts-${DISTRICTS_TILE.z}-${DISTRICTS_TILE.x}-${DISTRICTS_TILE.y}.${kind}`, await tile('districts', DISTRICTS_TILE));
    golden(`areas-${AREAS_TILE.z}-${AREAS_TILE.x}-${AREAS_TILE.y}.${kind}`, withoutSerialIds(await tile('areas', AREAS_TILE)));
    golden(`reports-${REPORTS_TILE.z}-${REPORTS_TILE.x}-${REPORTS_TILE.y}.${kind}`, await tile('reports', REPORTS_TILE, '?status=new,in_progress,resolved'));
  });

  it('matches the golden clusters tile (the index is the same on both databases)', async () => {
    const t = CLUSTERS_TILE;
    const decoded = await tile('clusters', t, '?status=new,in_progress,resolved');
    golden(`clusters-${t.z}-${t.x}-${t.y}`, decoded);
    expect(decoded.clusters!.reduce((n, f) => n + ((f.properties.point_count as number) ?? 1), 0)).toBe(24);
  });

  it('writes polygons with their declared fields and exterior rings first', async () => {
    const d = await tile('districts', DISTRICTS_TILE);
    expect(d.districts!.length).toBeGreaterThanOrEqual(10);
    for (const f of d.districts!) {
      expect(f.type).toBe(3);
      expect(Object.keys(f.properties).sort()).toEqual(expect.arrayContaining(['code', 'name']));
    }
    const a = await tile('areas', AREAS_TILE);
    expect(new Set(a.areas!.map((f) => f.properties.department))).toEqual(new Set(['roads', 'greenery', 'waste', 'lighting', 'municipal_police']));
  });

  it.runIf(kind === 'server')('encodes the same polygons with ST_AsMVT and with the JS encoder', async () => {
    for (const [layer, t] of [[districtsLayer, DISTRICTS_TILE], [areasLayer, AREAS_TILE]] as Array<[SqlLayerDef, TileAddress]>) {
      const sql = (await tile(layer.name, t))[layer.name]!;
      const js = decode(await renderTileInJs(db, layer, t, null))[layer.name]!;
      expect(js.map((f) => f.id)).toEqual(sql.map((f) => f.id));
      sql.forEach((fs, i) => {
        const fj = js[i]!;
        expect(fj.properties).toEqual(fs.properties);
        // Both clip to the same buffered tile and snap to the same grid: extents agree within a unit.
        bbox(fj.geometry).forEach((v, k) => expect(Math.abs(v - bbox(fs.geometry)[k]!)).toBeLessThanOrEqual(1));
      });
    }
  });

  it('keeps every tile small: the reports layer is clusters below its raw zoom', async () => {
    const low = await tile('reports', tileForLonLat(CENTRE.lon, CENTRE.lat, 11), '?status=new,in_progress,resolved');
    expect(Object.keys(low)).toEqual(['clusters']);
    const raw = await tile('reports', tileForLonLat(CENTRE.lon, CENTRE.lat, 14), '?status=new,in_progress,resolved');
    expect(raw.reports!.length).toBe(24);
  });

  it('filters reports tiles by department and creation time', async () => {
    const q = (s: string) => tile('reports', tileForLonLat(CENTRE.lon, CENTRE.lat, 14), `?status=new,in_progress,resolved&${s}`);
    expect((await q('department=waste')).reports!.map((f) => f.properties.category)).toEqual(Array(8).fill('litter'));
    expect((await q('since=2026-01-05&until=2026-01-10')).reports!.map((f) => f.id)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('describes each layer with TileJSON 3.0', async () => {
    const res = await api(`${server.url}/tiles/reports.json?category=pothole`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tilejson: '3.0.0', minzoom: 0, maxzoom: 22 });
    expect(res.body.tiles).toEqual([`${server.url}/tiles/reports/{z}/{x}/{y}.mvt?category=pothole`]);
    expect(res.body.vector_layers.map((l: { id: string }) => l.id)).toEqual(['reports', 'clusters']);
    expect(res.body.vector_layers[0]).toMatchObject({ minzoom: 14, fields: { category: expect.any(String), status: expect.any(String) } });
    const [w, s, e, n] = res.body.bounds;
    expect(w).toBeLessThan(CENTRE.lon);
    expect(e).toBeGreaterThan(CENTRE.lon);
    expect(s).toBeLessThan(CENTRE.lat);
    expect(n).toBeGreaterThan(CENTRE.lat);
    for (const layer of ['clusters', 'areas', 'districts']) {
      const tj = await api(`${server.url}/tiles/${layer}.json`);
      expect(tj.status).toBe(200);
      expect(tj.body.vector_layers[0].id).toBe(layer);
    }
    expect((await api(`${server.url}/tiles/nope.json`)).status).toBe(404);
    expect((await api(`${server.url}/tiles/reports.json?status=lost`)).status).toBe(400);
  });

  it('answers 400 for bad addresses and filters on every layer, 404 for an unknown layer', async () => {
    for (const layer of ['reports', 'clusters', 'areas', 'districts']) {
      for (const path of [`/tiles/${layer}/23/0/0.mvt`, `/tiles/${layer}/2/4/0.mvt`, `/tiles/${layer}/2/0/-1.mvt`, `/tiles/${layer}/01/0/0.mvt`]) {
        const res = await api(server.url + path);
        expect(res.status, path).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'invalid_tile', message: expect.any(String) });
      }
    }
    for (const query of ['status=lost', 'category=unicorns', 'department=nasa', 'since=tomorrow', 'until=2026-13-01']) {
      for (const layer of ['reports', 'clusters']) {
        const res = await api(`${server.url}/tiles/${layer}/14/9040/5233.mvt?${query}`);
        expect(res.status, `${layer} ${query}`).toBe(400);
        expect(res.body.error.code).toBe('invalid_filter');
      }
    }
    const res = await api(`${server.url}/tiles/nope/1/0/0.mvt`);
    expect(res.status).toBe(404);
    expect(res.body.error.details.layers).toEqual(['reports', 'clusters', 'areas', 'districts']);
  });

  it('sends ETag and Cache-Control on every layer, 304 on a match, gzip on request (from 1 KB)', async () => {
    for (const [layer, t] of [['reports', REPORTS_TILE], ['clusters', CLUSTERS_TILE], ['areas', AREAS_TILE], ['districts', DISTRICTS_TILE]] as const) {
      const url = `${server.url}/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`;
      const first = await fetch(url);
      const etag = first.headers.get('etag');
      expect(etag, layer).toBeTruthy();
      expect(first.headers.get('cache-control'), layer).toMatch(/max-age=\d+/);
      const conditional = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http.get(url, { headers: { 'if-none-match': etag!, 'accept-encoding': 'gzip' } }, resolve).on('error', reject),
      );
      conditional.resume();
      expect(conditional.statusCode, layer).toBe(304);
      const gz = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http.get(url, { headers: { 'accept-encoding': 'gzip' } }, resolve).on('error', reject),
      );
      gz.resume();
      // compression's threshold: bodies under 1 KB gain nothing from gzip and go as they are.
      const size = (await first.arrayBuffer()).byteLength;
      expect(gz.headers['content-encoding'], `${layer} (${size} bytes)`).toBe(size >= 1024 ? 'gzip' : undefined);
      if (layer === 'districts') expect(size).toBeGreaterThan(1024);
    }
  });
});
