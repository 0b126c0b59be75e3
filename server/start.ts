import path from 'node:path';
import type { Logger } from 'pino';
import { seed } from '../fixtures/seed.ts';
import { generatePassword, hashPassword } from './auth/passwords.ts';
import { createUser } from './store/users.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';

/** Demo reports an empty embedded database is seeded with on first start. */
export const DEMO_REPORTS = 600;

/** Opens the configured database, applies migrations, and seeds an empty embedded one. */
export async function prepareDatabase(config: Config, log: Logger): Promise<Database> {
  const started = Date.now();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pg'),
  });
  log.info(
    {
      database: db.kind,
      location: db.kind === 'embedded' ? path.join(config.dataDir, 'pg') : redactUrl(config.databaseUrl!),
      postgis: db.postgisVersion,
      tile_encoder: db.hasAsMvt ? 'ST_AsMVT' : 'js (vt-pbf)',
      ms: Date.now() - started,
    },
    db.kind === 'embedded' ? 'embedded PGlite database ready' : 'PostgreSQL server connected',
  );
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  if (db.kind === 'embedded') {
    const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM cities');
    if (rows[0]!.n === 0) {
      const result = await seed(db, { city: config.seedCity, demoReports: DEMO_REPORTS });
      log.info(result, 'empty embedded database seeded');
      await createDemoUsers(db, log);
    }
  }
  return db;
}

/** A connection string with its password masked, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** One demo user per role, created with the embedded demo; their passwords are printed once. */
export const DEMO_USERS = [
  { email: 'admin@ordermap.local', role: 'admin', department: null },
  { email: 'planner@ordermap.local', role: 'planner', department: null },
  { email: 'dispatcher@ordermap.local', role: 'dispatcher', department: 'contact_centre' },
  { email: 'crew@ordermap.local', role: 'crew', department: 'roads' },
] as const;

async function createDemoUsers(db: Database, log: Logger): Promise<void> {
  const lines: string[] = [];
  for (const u of DEMO_USERS) {
    const password = generatePassword();
    await createUser(db, { email: u.email, role: u.role, department: u.department, passwordHash: await hashPassword(password) });
    lines.push(`  ${u.role.padEnd(10)} ${u.email.padEnd(28)} ${password}${u.department ? `  (${u.department})` : ''}`);
  }
  log.info({ users: DEMO_USERS.map((u) => u.email) }, 'demo staff users created');
  // Printed once, on the console only: these passwords are not stored anywhere in clear.
  process.stdout.write(`\nDemo staff accounts (shown only now):\n${lines.join('\n')}\n\n`);
}
