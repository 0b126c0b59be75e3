import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { seed } from '../fixtures/seed.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadBenchCity } from './lib/city.ts';
import type { BenchContext, Section, SectionResult } from './lib/context.ts';
import { startServer } from './lib/server.ts';
import { clustersSection } from './sections/clusters.ts';
import { freshnessSection } from './sections/freshness.ts';
import { intakeSection } from './sections/intake.ts';
import { staffSection } from './sections/staff.ts';
import { tilesSection } from './sections/tiles.ts';

/**
 * `npm run bench [-- --reports N] [--seed S] [--only tiles,clusters] [--quick] [--force]`
 *
 * Loads a synthetic city of N reports into the PostGIS server at DATABASE_URL (a scratch
 * database: every report in it is replaced), starts the real server as a child process, runs the
 * sections in order from this process, prints a table and writes bench/results.json.
 * To add a section, add it to SECTIONS.
 */

// Intake runs last: it files reports (and deletes them afterwards).
const SECTIONS: Section[] = [clustersSection, tilesSection, freshnessSection, staffSection, intakeSection];

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '2026' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
  },
});

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(
    'npm run bench needs DATABASE_URL: a PostgreSQL server with PostGIS, in a scratch database (every report in it is replaced), e.g.\n' +
      '  createdb -h 127.0.0.1 -U postgres ordermap_bench\n' +
      '  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ordermap_bench npm run bench',
  );
  process.exit(2);
}
const reports = Number(values.reports);
if (!Number.isInteger(reports) || reports < 1) {
  console.error(`--reports must be a positive integer, got "${values.reports}"`);
  process.exit(2);
}
const only = values.only ? new Set(values.only.split(',')) : null;
const sections = SECTIONS.filter((s) => !only || only.has(s.name));

const started = Date.now();
console.log(`ordermap bench: ${reports.toLocaleString('en')} reports, seed ${values.seed}, ${os.cpus().length} cores`);

// Schema, city and catalogue, then the reports.
const db = await openDatabase({ databaseUrl });
await migrate(db);
await seed(db, { city: 'gdansk', demoReports: 0 });
const client = await db.pool.connect();
let load;
try {
  load = await loadBenchCity(client, reports, Number(values.seed), values.force);
} finally {
  client.release();
}
await db.close();
console.log(load.reused ? 'reports: reused the city already loaded (timings of its load):' : `reports: loaded in ${Math.round(load.total_ms / 1000)} s`, load);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const server = await startServer(databaseUrl);
const ctx: BenchContext = { reports, seed: Number(values.seed), databaseUrl, pool, server, quick: values.quick };
const results: Record<string, SectionResult> = {};
try {
  for (const section of sections) {
    console.log(`\n== ${section.name}`);
    const t = Date.now();
    results[section.name] = await section.run(ctx);
    console.log(`   (${Math.round((Date.now() - t) / 1000)} s)`);
    for (const table of results[section.name]!.tables ?? []) printTable(table.title, table.rows);
  }
} finally {
  const memory = server.memory();
  await server.stop();
  await pool.end();
  const summary = Object.entries(results).flatMap(([name, r]) => r.summary.map((row) => ({ section: name, ...row })));
  summary.push({ section: 'server', metric: 'server memory at the end (RSS / peak)', value: `${memory.rss_mb} / ${memory.peak_mb} MB`, target: '< 1024 MB', met: memory.peak_mb < 1024 });
  printTable(
    `SUMMARY at ${reports.toLocaleString('en')} reports`,
    summary.map((r) => ({ section: r.section, metric: r.metric, value: r.value, target: r.target ?? '', met: r.met === undefined || r.met === null ? '' : r.met ? 'yes' : 'NO' })),
  );
  const out = { reports, seed: Number(values.seed), at: new Date().toISOString(), cores: os.cpus().length, load, duration_s: Math.round((Date.now() - started) / 1000), summary, sections: results };
  fs.writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
  console.log('\nwrote bench/results.json');
}

function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  if (rows.length === 0) return;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join(' | ');
  console.log(`\n${title}\n${line(cols)}\n${width.map((w) => '-'.repeat(w)).join('-|-')}`);
  for (const r of rows) console.log(line(cols.map((c) => String(r[c] ?? ''))));
}
