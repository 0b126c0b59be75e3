import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

/** The project's migrations folder. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

export interface Migration {
  name: string;
  checksum: string;
  sql: string;
}

/** Raised when the recorded migrations and the files on disk disagree. */
export class MigrationError extends Error {}

/** Reads `NNN_name.sql` files in order; any other `.sql` name is an error. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const seen = new Set<string>();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = FILE_NAME.exec(name);
    if (!match) throw new MigrationError(`Migration file name "${name}" does not match NNN_name.sql`);
    if (seen.has(match[1]!)) throw new MigrationError(`Two migrations share the number ${match[1]}`);
    seen.add(match[1]!);
    const sql = await fs.readFile(path.join(dir, name), 'utf8');
    migrations.push({ name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/**
 * Applies the pending migrations in order, each in its own transaction, and records their checksums.
 * Refuses to run when an applied migration was edited or removed. Returns the names applied.
 */
export async function migrate(db: Database, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const client = await db.pool.connect();
  try {
    // Serialises concurrent starts against one server database.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['ordermap:migrate']);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM schema_migrations ORDER BY name',
    );
    const onDisk = new Map(migrations.map((m) => [m.name, m]));
    for (const applied of rows) {
      const file = onDisk.get(applied.name);
      if (!file) throw new MigrationError(`Applied migration ${applied.name} is missing from ${dir}`);
      if (file.checksum !== applied.checksum) {
        throw new MigrationError(
          `Applied migration ${applied.name} was edited (checksum ${file.checksum.slice(0, 12)}… ≠ recorded ${applied.checksum.slice(0, 12)}…); add a new migration instead`,
        );
      }
    }
    const done = new Set(rows.map((r) => r.name));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new MigrationError(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['ordermap:migrate']).catch(() => undefined);
    client.release();
  }
}
