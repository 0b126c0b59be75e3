// npm run bench:intake [-- --reports 1000000 --requests 5000 --concurrency 4]
//
// Intake throughput and latency of JSON `POST /api/reports` (validation, location, routing,
// dedup under the category lock, insert) on a PostGIS server holding `--reports` reports and
// over 1,000 department-area polygons. The server runs as a child process; requests come from
// this process over loopback. Needs DATABASE_URL; loads the data once and reuses it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadCatalogue } from '../fixtures/cities.ts';
import { seed } from '../fixtures/seed.ts';
import { openDatabase, type Database } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RESULTS = path.join(ROOT, 'bench', 'results-intake.json');
const TARGET_P95_MS = 25;

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '300' },
  },
});
const opts = {
  reports: positiveInt('reports', values.reports!),
  requests: positiveInt('requests', values.requests!),
  concurrency: positiveInt('concurrency', values.concurrency!),
  warmup: positiveInt('warmup', values.warmup!),
};
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('bench:intake needs DATABASE_URL (a PostGIS server), e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/om_bench_intake');
  process.exit(2);
}

function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, got "${v}"`);
    process.exit(2);
  }
  return n;
}

const log = (msg: string) => console.error(`[bench:intake] ${msg}`);

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

// Reports spread over the districts by population, with the catalogue's category mix, over the
// past year; old reports are mostly finished, recent ones mostly open. Routed by the category's
// usual department (the benchmark measures new reports, not these).
const ADD_REPORTS_SQL = `
WITH d AS (
  SELECT id, city_id, geom, greatest(coalesce(population, 1000), 1000)::float8 AS w FROM districts
), quota AS (
  -- Cumulative floors: the quotas add up to exactly $1.
  SELECT id, city_id, geom,
         (floor($1 * sum(w) OVER (ORDER BY id) / sum(w) OVER ()) - floor($1 * (sum(w) OVER (ORDER BY id) - w) / sum(w) OVER ()))::int AS n
    FROM d
), pts AS (
  SELECT q.id AS district_id, q.city_id, (ST_Dump(ST_GeneratePoints(q.geom, q.n))).geom AS geom
    FROM quota q WHERE q.n > 0
), rows AS (
  SELECT nextval(pg_get_serial_sequence('reports', 'id')) AS id, p.*, random() AS rc, random() AS rs,
         now() - random() * interval '365 days' AS created_at
    FROM pts p
), typed AS (
  SELECT r.*, (SELECT m.category FROM unnest($2::text[], $3::float8[]) AS m(category, cum) WHERE m.cum >= r.rc ORDER BY m.cum LIMIT 1) AS category,
         CASE WHEN r.created_at > now() - interval '30 days'
              THEN (CASE WHEN r.rs < 0.35 THEN 'new' WHEN r.rs < 0.5 THEN 'acknowledged' WHEN r.rs < 0.65 THEN 'in_progress' ELSE 'resolved' END)
              ELSE (CASE WHEN r.rs < 0.02 THEN 'in_progress' WHEN r.rs < 0.86 THEN 'resolved' WHEN r.rs < 0.94 THEN 'closed_not_fixed' ELSE 'rejected' END)
         END AS status
    FROM rows r
)
INSERT INTO reports (id, ref, city_id, district_id, category, status, description, geom, department_id, needs_triage, source,
                     created_at, updated_at, acknowledged_at, resolved_at, closed_at)
SELECT t.id, c.ref_prefix || '-' || to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(t.id::text, greatest(6, length(t.id::text)), '0'),
       t.city_id, t.district_id, t.category, t.status, '', t.geom,
       coalesce(dep.id, fb.id), dep.id IS NULL, 'bench', t.created_at, t.created_at,
       CASE WHEN t.status <> 'new' THEN t.created_at + interval '1 day' END,
       CASE WHEN t.status = 'resolved' THEN t.created_at + interval '9 days' END,
       CASE WHEN t.status IN ('resolved', 'closed_not_fixed', 'rejected') THEN t.created_at + interval '9 days' END
  FROM typed t
  JOIN cities c ON c.id = t.city_id
  LEFT JOIN unnest($2::text[], $4::text[]) AS m(category, department) ON m.category = t.category
  LEFT JOIN departments dep ON dep.code = m.department
  CROSS JOIN (SELECT id FROM departments WHERE is_fallback) fb`;

async function prepareData(db: Database): Promise<{ reports: number; areas: number }> {
  await migrate(db);
  await seed(db, { city: 'gdansk', demoReports: 0 });
  const catalogue = loadCatalogue();
  const cats = catalogue.categories;
  const mapped = cats.filter((c) => c.department);

  const gridCount = async () =>
    (await db.query<{ n: number }>(`SELECT count(*) AS n FROM department_areas WHERE name LIKE 'bench:grid:%'`)).rows[0]!.n;
  if ((await gridCount()) === 0) {
    const t = Date.now();
    await db.query(GRID_AREAS_SQL, [mapped.map((c) => c.code), mapped.map((c) => c.department), 60, 40]);
    log(`added ${await gridCount()} grid areas in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }

  const total = sum(cats.map((c) => c.weight));
  let acc = 0;
  const cumulative = cats.map((c) => (acc += c.weight / total));
  cumulative[cumulative.length - 1] = 1;
  const existing = async () => (await db.query<{ n: number }>(`SELECT count(*) AS n FROM reports`)).rows[0]!.n;
  let have = await existing();
  const started = Date.now();
  while (have < opts.reports) {
    const batch = Math.min(100_000, opts.reports - have);
    await db.transaction(async (client) => {
      // A batch takes longer than the server's usual 30 s statement limit on a busy machine.
      await client.query('SET LOCAL statement_timeout = 0');
      await client.query(ADD_REPORTS_SQL, [batch, cats.map((c) => c.code), cumulative, cats.map((c) => c.department ?? '')]);
    });
    have = await existing();
    log(`${have.toLocaleString('en')} reports (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await db.query('ANALYZE reports');
  await db.query('ANALYZE department_areas');
  const areas = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM department_areas`)).rows[0]!.n;
  return { reports: have, areas };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new Error('the server did not answer /api/health within 60 s');
}

/** Points inside the service area to report at: a pool small enough that some land on open reports (duplicates). */
async function samplePoints(db: Database, n: number): Promise<Array<{ lat: number; lon: number }>> {
  const { rows } = await db.query<{ lon: number; lat: number }>(
    `SELECT ST_X(p.geom) AS lon, ST_Y(p.geom) AS lat FROM (SELECT (ST_Dump(ST_GeneratePoints(ST_Union(geom), $1))).geom FROM districts) p`,
    [n],
  );
  return rows.map((r) => ({ lat: Math.round(r.lat * 1e6) / 1e6, lon: Math.round(r.lon * 1e6) / 1e6 }));
}

interface RunResult {
  durationS: number;
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
}

async function fire(url: string, amount: number, bodies: () => string): Promise<RunResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url,
    connections: opts.concurrency,
    amount,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/reports',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies() }),
      },
    ],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  const durationS = Number(process.hrtime.bigint() - started) / 1e9;
  return { durationS, latencies, statuses, errors: result.errors + result.timeouts };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 100) / 100;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const db = await openDatabase({ databaseUrl, maxConnections: 4 });
let server: ChildProcess | undefined;
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'om-bench-intake-'));
try {
  const t0 = Date.now();
  const dataset = await prepareData(db);
  log(`dataset ready: ${dataset.reports.toLocaleString('en')} reports, ${dataset.areas} areas (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  const points = await samplePoints(db, 3000);
  const cats = loadCatalogue().categories;
  const weights = cats.map((c) => c.weight);
  const totalWeight = sum(weights);
  let k = 0;
  const body = () => {
    let r = Math.random() * totalWeight;
    let c = 0;
    while (r > weights[c]! && c < cats.length - 1) r -= weights[c++]!;
    const p = points[Math.floor(Math.random() * points.length)]!;
    return JSON.stringify({ category: cats[c]!.code, lat: p.lat, lon: p.lon, description: `bench report ${k++}` });
  };

  const port = await freePort();
  server = await startServer(port, dataDir);
  const url = `http://127.0.0.1:${port}`;
  log(`server up on ${url}; warming up with ${opts.warmup} requests`);
  await fire(url, opts.warmup, body);
  log(`measuring ${opts.requests} requests at concurrency ${opts.concurrency}`);
  const run = await fire(url, opts.requests, body);
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const created = await db.query<{ n: number; dup: number }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE status = 'duplicate') AS dup FROM reports WHERE source = 'web' AND description LIKE 'bench report %'`,
  );
  const results = {
    benchmark: 'intake: JSON POST /api/reports (validate, locate, route, dedup, insert)',
    measured_at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    dataset: { reports: dataset.reports, department_areas: dataset.areas },
    requests: run.latencies.length,
    concurrency: opts.concurrency,
    duration_s: Math.round(run.durationS * 100) / 100,
    throughput_rps: Math.round((run.latencies.length / run.durationS) * 10) / 10,
    latency_ms: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? null,
      mean: Math.round((sum(sorted) / Math.max(1, sorted.length)) * 100) / 100,
    },
    statuses: run.statuses,
    errors: run.errors,
    bench_reports_so_far: { filed: created.rows[0]!.n, duplicates: created.rows[0]!.dup },
    target: { p95_ms: TARGET_P95_MS, met: percentile(sorted, 95) < TARGET_P95_MS },
  };
  await fs.writeFile(RESULTS, JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results, null, 2));
  log(`throughput ${results.throughput_rps} req/s; p50 ${results.latency_ms.p50} ms, p95 ${results.latency_ms.p95} ms, p99 ${results.latency_ms.p99} ms ` +
    `(target p95 < ${TARGET_P95_MS} ms: ${results.target.met ? 'met' : 'NOT met'}); written to ${path.relative(ROOT, RESULTS)}`);
  if (Object.keys(run.statuses).some((s) => s !== '201')) log(`non-201 answers: ${JSON.stringify(run.statuses)}`);
} finally {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  await db.close();
  await fs.rm(dataDir, { recursive: true, force: true });
}
