import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadCatalogue, loadCity } from '../../fixtures/cities.ts';
import { generateReports, type SyntheticReport } from '../../fixtures/synthetic.ts';

/**
 * The benchmark city: N synthetic reports over Gdańsk (fixtures/synthetic.ts, seeded), loaded
 * into a PostGIS server fast: COPY into a staging table, then one set-based INSERT that locates
 * and routes every point with the same rules as the app (server/store/places.ts and
 * server/domain/routing.ts), with the secondary indexes of `reports` dropped during the insert
 * and rebuilt after it (one sorted build beats a million index insertions).
 */

/** The fixed "now" of the synthetic city, so the same seed gives the same reports on any day. */
export const BENCH_NOW = new Date('2026-11-01T00:00:00Z');

export interface LoadTimings {
  generated_ms: number;
  copy_ms: number;
  route_insert_ms: number;
  index_ms: number;
  total_ms: number;
  reports: number;
  reused: boolean;
}

const STAGING = `CREATE UNLOGGED TABLE bench_staging (
  category text, status text, description text, lon float8, lat float8,
  created_at timestamptz, acknowledged_at timestamptz, resolved_at timestamptz, closed_at timestamptz)`;

// Districts and areas cut into pieces of at most 64 vertices: point-in-polygon on a piece is
// cheap, and the GiST index finds the few pieces near a point. The original area is kept, as
// the smallest district/area wins.
const PIECES = [
  `CREATE TEMP TABLE bench_districts AS
     SELECT id, city_id, ST_Area(geom) AS area, ST_Subdivide(geom, 64) AS geom FROM districts`,
  'CREATE INDEX ON bench_districts USING gist (geom)',
  `CREATE TEMP TABLE bench_areas AS
     SELECT id, department_id, categories, priority, area_m2, ST_Subdivide(geom, 64) AS geom FROM department_areas`,
  'CREATE INDEX ON bench_areas USING gist (geom)',
  'ANALYZE bench_districts',
  'ANALYZE bench_areas',
];

const ROUTE_INSERT = `
WITH s AS (
  SELECT nextval(pg_get_serial_sequence('reports', 'id')) AS id, st.*, ST_SetSRID(ST_MakePoint(st.lon, st.lat), 4326) AS g
  FROM bench_staging st
)
INSERT INTO reports (id, ref, city_id, district_id, category, status, description, geom, department_id, area_id,
                     needs_triage, source, created_at, updated_at, acknowledged_at, resolved_at, closed_at)
SELECT s.id,
       c.ref_prefix || '-' || to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(s.id::text, greatest(6, length(s.id::text)), '0'),
       d.city_id, d.id, s.category, s.status, s.description, s.g,
       coalesce(a.department_id, (SELECT id FROM departments WHERE is_fallback)), a.id, a.id IS NULL, 'bench',
       s.created_at, coalesce(s.closed_at, s.resolved_at, s.acknowledged_at, s.created_at),
       s.acknowledged_at, s.resolved_at, s.closed_at
FROM s
JOIN LATERAL (
  SELECT d.id, d.city_id FROM bench_districts d WHERE ST_Covers(d.geom, s.g) ORDER BY d.area, d.id LIMIT 1
) d ON true
JOIN cities c ON c.id = d.city_id
LEFT JOIN LATERAL (
  SELECT a.id, a.department_id FROM bench_areas a
  WHERE ST_Covers(a.geom, s.g) AND (a.categories IS NULL OR s.category = ANY(a.categories))
  ORDER BY a.priority DESC, (a.categories IS NOT NULL) DESC, a.area_m2, a.id LIMIT 1
) a ON true`;

// Secondary indexes only: those backing constraints (primary key, unique ref) stay.
const SECONDARY_INDEXES = `
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i
WHERE i.indrelid = 'reports'::regclass
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`;

/** Generates the synthetic reports (same seed, same city). */
export function generateCity(count: number, seed: number): SyntheticReport[] {
  const city = loadCity('gdansk');
  return generateReports(city.districts, loadCatalogue().categories, { count, seed, now: BENCH_NOW, days: 365 }).reports;
}

function csv(v: string | number | Date | null): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return String(v);
  return `"${v.replaceAll('"', '""')}"`;
}

function* csvLines(reports: readonly SyntheticReport[]): Generator<string> {
  const batch: string[] = [];
  for (const r of reports) {
    batch.push(
      [r.category, r.status, r.description, r.lon, r.lat, r.createdAt, r.acknowledgedAt, r.resolvedAt, r.closedAt].map(csv).join(',') + '\n',
    );
    if (batch.length === 10_000) yield batch.splice(0).join('');
  }
  if (batch.length) yield batch.join('');
}

/**
 * Replaces every report in the database with the synthetic city of `count` reports, unless the
 * database already holds exactly that city (same count and seed): then it is reused.
 */
export async function loadBenchCity(client: pg.PoolClient, count: number, seed: number, force: boolean): Promise<LoadTimings> {
  const started = performance.now();
  await client.query('CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)');
  const want = `${count}:${seed}`;
  const meta = await client.query<{ value: string }>(`SELECT value FROM bench_meta WHERE key = 'city'`);
  const { rows: counts } = await client.query<{ total: number; foreign: number }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE source <> 'bench') AS foreign FROM reports`,
  );
  // A database the benchmark never loaded may be someone's real data: refuse to wipe it.
  if (!meta.rows[0] && counts[0]!.foreign > 0 && !force) {
    throw new Error(
      `The database holds ${counts[0]!.foreign} reports that the benchmark did not make; it replaces every report. Use a scratch database, or pass --force.`,
    );
  }
  // Reports filed by an earlier run's freshness test (source 'web') do not make the city different.
  if (meta.rows[0]?.value === want && counts[0]!.total - counts[0]!.foreign === count) {
    // Reused: report how long the load took when it was made.
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM bench_meta WHERE key = 'load'`);
    const earlier = rows[0] ? (JSON.parse(rows[0].value) as LoadTimings) : null;
    return { generated_ms: 0, copy_ms: 0, route_insert_ms: 0, index_ms: 0, total_ms: 0, ...earlier, reports: count, reused: true };
  }

  // The app's 30 s statement timeout is for requests; routing a million points takes longer.
  await client.query('SET statement_timeout = 0');
  const t0 = performance.now();
  const reports = generateCity(count, seed);
  const t1 = performance.now();

  await client.query('DROP TABLE IF EXISTS bench_staging');
  await client.query(STAGING);
  await pipeline(Readable.from(csvLines(reports)), client.query(copyFrom('COPY bench_staging FROM STDIN (FORMAT csv)')));
  reports.length = 0;
  const t2 = performance.now();

  for (const sql of PIECES) await client.query(sql);
  const { rows: indexes } = await client.query<{ name: string; def: string }>(SECONDARY_INDEXES);
  await client.query('TRUNCATE reports, report_events RESTART IDENTITY CASCADE');
  for (const ix of indexes) await client.query(`DROP INDEX ${ix.name}`);
  let inserted: pg.QueryResult;
  let t3: number;
  try {
    await client.query("SET work_mem = '256MB'");
    inserted = await client.query(ROUTE_INSERT);
    t3 = performance.now();
  } finally {
    // Put the indexes back even when the insert fails: the schema must stay the migrations' schema.
    await client.query("SET maintenance_work_mem = '512MB'");
    for (const ix of indexes) await client.query(ix.def);
  }
  // Vacuum now rather than let autovacuum do it during the measurements (a million fresh rows).
  await client.query('VACUUM (ANALYZE) reports');
  await client.query('DROP TABLE bench_staging');
  const t4 = performance.now();
  if (inserted!.rowCount !== count) throw new Error(`Loaded ${inserted!.rowCount} of ${count} reports: some points fell outside every district`);
  const timings: LoadTimings = {
    generated_ms: Math.round(t1 - t0),
    copy_ms: Math.round(t2 - t1),
    route_insert_ms: Math.round(t3! - t2),
    index_ms: Math.round(t4 - t3!),
    total_ms: Math.round(t4 - started),
    reports: count,
    reused: false,
  };
  await client.query(
    `INSERT INTO bench_meta (key, value) VALUES ('city', $1), ('load', $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [want, JSON.stringify(timings)],
  );
  return timings;
}
