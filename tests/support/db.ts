import pg from 'pg';
import { seed } from '../../fixtures/seed.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';

export type TestDbKind = 'embedded' | 'server';

/** The databases every database test runs against: always the embedded one, and a PostGIS server when TEST_DATABASE_URL is set. */
export const DB_KINDS: TestDbKind[] = process.env.TEST_DATABASE_URL ? ['embedded', 'server'] : ['embedded'];

const open = new Map<TestDbKind, Promise<Database>>();

/**
 * This worker's database of that kind, migrated and seeded with Gdańsk (no demo reports).
 * Shared by every test file the worker runs; a PostGIS server gets one fresh database per worker.
 */
export function testDatabase(kind: TestDbKind): Promise<Database> {
  let db = open.get(kind);
  if (!db) {
    db = (kind === 'embedded' ? openDatabase({}) : openServerDatabase()).then(async (d) => {
      await migrate(d);
      await seed(d, { city: 'gdansk', demoReports: 0 });
      return d;
    });
    open.set(kind, db);
  }
  return db;
}

async function openServerDatabase(): Promise<Database> {
  const base = new URL(process.env.TEST_DATABASE_URL!);
  const name = `${base.pathname.slice(1) || 'ordermap'}_w${process.env.VITEST_POOL_ID ?? '0'}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return openDatabase({ databaseUrl: url.toString(), maxConnections: 25 });
}

/** Empties the report tables, so a test starts from the seeded city with no reports. */
export async function resetReports(db: Database): Promise<void> {
  await db.query('TRUNCATE reports, report_events RESTART IDENTITY CASCADE');
}
