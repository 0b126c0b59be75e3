import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { migrate, MigrationError, MIGRATIONS_DIR, readMigrations } from '../../server/db/migrate.ts';
import { seed } from '../../fixtures/seed.ts';
import { DB_KINDS, testDatabase } from '../support/db.ts';

async function copyMigrations(edit?: (dir: string) => Promise<void>) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'om-migrations-'));
  for (const m of await readMigrations()) await fs.writeFile(path.join(dir, m.name), m.sql);
  await edit?.(dir);
  return dir;
}

describe.each(DB_KINDS)('migrations [%s]', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase(kind);
  });

  it('records every file with its checksum and applies nothing twice', async () => {
    const files = await readMigrations(MIGRATIONS_DIR);
    const { rows } = await db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations ORDER BY name');
    expect(rows).toEqual(files.map((f) => ({ name: f.name, checksum: f.checksum })));
    expect(await migrate(db)).toEqual([]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = await copyMigrations(async (d) => fs.appendFile(path.join(d, '002_service_area.sql'), '\n-- edited\n'));
    await expect(migrate(db, dir)).rejects.toThrow(MigrationError);
    await expect(migrate(db, dir)).rejects.toThrow(/002_service_area\.sql was edited/);
  });

  it('refuses to run when an applied migration is missing', async () => {
    const dir = await copyMigrations(async (d) => fs.rm(path.join(d, '003_departments_categories.sql')));
    await expect(migrate(db, dir)).rejects.toThrow(/003_departments_categories\.sql is missing/);
  });

  it('applies a new migration once, in order, and rolls back a failing one', async () => {
    const dir = await copyMigrations(async (d) => {
      await fs.writeFile(path.join(d, '900_test_ok.sql'), `CREATE TABLE IF NOT EXISTS test_migration_${kind} (id int);`);
    });
    try {
      expect(await migrate(db, dir)).toEqual(['900_test_ok.sql']);
      expect(await migrate(db, dir)).toEqual([]);
      await fs.writeFile(path.join(dir, '901_test_bad.sql'), 'CREATE TABLE test_bad_a (id int); SELECT no_such_function();');
      await expect(migrate(db, dir)).rejects.toThrow(/901_test_bad\.sql failed/);
      const { rows } = await db.query(`SELECT to_regclass('test_bad_a') AS t`);
      expect(rows[0]!.t).toBeNull();
    } finally {
      await db.query(`DROP TABLE IF EXISTS test_migration_${kind}`);
      await db.query(`DELETE FROM schema_migrations WHERE name LIKE '90%'`);
    }
  });

  it('keeps the seed idempotent: a second run adds nothing', async () => {
    const counts = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*) FROM districts) d, (SELECT count(*) FROM departments) dep,
                  (SELECT count(*) FROM categories) c, (SELECT count(*) FROM department_areas) a`,
        )
      ).rows[0];
    const before = await counts();
    const result = await seed(db, { city: 'gdansk', demoReports: 0 });
    expect(result.areasAdded).toBe(0);
    expect(await counts()).toEqual(before);
    // 5 departments × 35 districts, plus the port authority's port and the park management's park.
    expect(before).toEqual({ d: 35, dep: 8, c: 16, a: 177 });
  });
});
