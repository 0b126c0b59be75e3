import os from 'node:os';
import autocannon from 'autocannon';
import { loadCatalogue } from '../../fixtures/cities.ts';
import type { BenchContext, Section, SectionResult } from '../lib/context.ts';
import { percentiles } from '../lib/measure.ts';

/**
 * Intake: throughput and latency of JSON `POST /api/reports` (validate, locate, route, dedup
 * under the category lock, insert) against the loaded city, with at least 1,000 department-area
 * polygons. Requests come from this process at a fixed concurrency; the reports they file are
 * deleted afterwards so the city stays as loaded.
 */

const TARGET_P95_MS = 25;
const CONCURRENCY = 4;

// A grid of small category-limited areas over the city: each cell belongs to one department
// for its categories (contract zones), clipped to the service area. ~1,400 polygons for Gdańsk.
const GRID_AREAS_SQL = `
WITH city AS (SELECT ST_Union(geom) AS g, ST_Extent(geom) AS e FROM districts),
deps AS (
  SELECT row_number() OVER (ORDER BY d.code) - 1 AS k, d.id, array_agg(c.code ORDER BY c.code) AS cats
    FROM departments d JOIN unnest($1::text[], $2::text[]) AS m(category, department) ON m.department = d.code
    JOIN categories c ON c.code = m.category
   GROUP BY d.id, d.code
),
cells AS (
  SELECT i, j, ST_MakeEnvelope(ST_XMin(e) + i * dx, ST_YMin(e) + j * dy, ST_XMin(e) + (i + 1) * dx, ST_YMin(e) + (j + 1) * dy, 4326) AS cell, g
    FROM city, LATERAL (SELECT (ST_XMax(e) - ST_XMin(e)) / $3::int AS dx, (ST_YMax(e) - ST_YMin(e)) / $4::int AS dy) s,
         generate_series(0, $3::int - 1) i, generate_series(0, $4::int - 1) j
)
INSERT INTO department_areas (department_id, name, categories, priority, geom)
SELECT deps.id, 'bench:grid:' || i || ':' || j, deps.cats, 1, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(cell, g)), 3))
  FROM cells JOIN deps ON deps.k = (i + j) % (SELECT count(*) FROM deps)
 WHERE ST_Intersects(cell, g) AND NOT ST_IsEmpty(ST_CollectionExtract(ST_MakeValid(ST_Intersection(cell, g)), 3))`;


async function fire(url: string, amount: number, body: () => string) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url,
    connections: CONCURRENCY,
    amount,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/reports',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: body() }),
      },
    ],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latencies, statuses, errors: result.errors + result.timeouts };
}

export const intakeSection: Section = {
  name: 'intake',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const cats = loadCatalogue().categories;
    const mapped = cats.filter((c) => c.department);
    const grid = await ctx.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM department_areas WHERE name LIKE 'bench:grid:%'`);
    if (grid.rows[0]!.n === 0) await ctx.pool.query(GRID_AREAS_SQL, [mapped.map((c) => c.code), mapped.map((c) => c.department), 60, 40]);
    await ctx.pool.query('ANALYZE department_areas');
    const areas = (await ctx.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM department_areas')).rows[0]!.n;

    const { rows: points } = await ctx.pool.query<{ lon: number; lat: number }>(
      `SELECT round(ST_X(p.geom)::numeric, 6)::float8 AS lon, round(ST_Y(p.geom)::numeric, 6)::float8 AS lat
         FROM (SELECT (ST_Dump(ST_GeneratePoints(ST_Union(geom), 3000, 11))).geom FROM districts) p`,
    );
    const weights = cats.map((c) => c.weight);
    const total = weights.reduce((a, b) => a + b, 0);
    let k = 0;
    const body = () => {
      let r = Math.random() * total;
      let c = 0;
      while (r > weights[c]! && c < cats.length - 1) r -= weights[c++]!;
      const p = points[Math.floor(Math.random() * points.length)]!;
      return JSON.stringify({ category: cats[c]!.code, lat: p.lat, lon: p.lon, description: `bench report ${k++}` });
    };
    const requests = ctx.quick ? 1000 : 5000;
    try {
      await fire(ctx.server.url, 300, body);
      const run = await fire(ctx.server.url, requests, body);
      const lat = percentiles(run.latencies);
      const rps = Math.round((run.latencies.length / run.seconds) * 10) / 10;
      const ok = Object.entries(run.statuses).every(([s]) => s === '201');
      return {
        summary: [
          { metric: `intake POST /api/reports throughput (${requests} requests, concurrency ${CONCURRENCY}, ${areas} areas)`, value: `${rps} req/s` },
          { metric: 'intake POST /api/reports p50 / p95 / p99', value: `${lat.p50} / ${lat.p95} / ${lat.p99} ms`, target: `p95 < ${TARGET_P95_MS} ms`, met: ok && lat.p95 < TARGET_P95_MS },
          { metric: 'intake answers', value: JSON.stringify(run.statuses) + (run.errors ? `, ${run.errors} errors` : '') },
        ],
        data: { requests, concurrency: CONCURRENCY, areas, cpus: os.cpus().length, throughput_rps: rps, latency_ms: lat, statuses: run.statuses, errors: run.errors },
      };
    } finally {
      await ctx.pool.query(`DELETE FROM reports WHERE source = 'web' AND description LIKE 'bench report %'`);
    }
  },
};
