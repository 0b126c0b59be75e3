import pg from 'pg';
import { startEmbedded, type EmbeddedServer } from './embedded.ts';

// bigint columns (ids, counts) stay below 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export type DatabaseKind = 'embedded' | 'server';

/** One `pg` pool over either a PostGIS server or the embedded PGlite, plus what start-up learned of it. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly pool: pg.Pool;
  readonly postgisVersion: string;
  /** Whether the database can encode vector tiles itself (ST_AsMVT); otherwise tiles are encoded in JS. */
  readonly hasAsMvt: boolean;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /**
   * Runs `fn` in a transaction on one client. Inside, use only that client: the embedded
   * database has a single connection, so waiting for a second one would deadlock.
   */
  transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL/PostGIS server; undefined starts the embedded database. */
  databaseUrl?: string | undefined;
  /** Where the embedded database persists; undefined keeps it in memory. */
  dataDir?: string | undefined;
  /** Pool size for a server database (the embedded one always has one connection). */
  maxConnections?: number;
}

/** Opens the database, probes PostGIS and its tile encoder. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let connectionString = options.databaseUrl;
  if (!connectionString) {
    embedded = await startEmbedded(options.dataDir);
    connectionString = embedded.connectionString;
  }
  const pool = new pg.Pool({
    connectionString,
    max: embedded ? 1 : (options.maxConnections ?? 10),
    idleTimeoutMillis: embedded ? 0 : 30_000,
    ...(embedded ? {} : { statement_timeout: 30_000 }),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });
  try {
    const { postgisVersion, hasAsMvt } = await probe(pool);
    return {
      kind: embedded ? 'embedded' : 'server',
      pool,
      postgisVersion,
      hasAsMvt,
      query: (text, values) => pool.query(text, values as unknown[]),
      async transaction(fn) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await fn(client);
          await client.query('COMMIT');
          return result;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
      },
      async close() {
        await pool.end();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
}

async function probe(pool: pg.Pool): Promise<{ postgisVersion: string; hasAsMvt: boolean }> {
  // PostGIS may not be installed yet (the first migration creates it).
  const installed = await pool.query<{ v: string | null }>(
    `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS v`,
  );
  let postgisVersion = installed.rows[0]?.v ?? '';
  if (!postgisVersion) {
    const available = await pool.query<{ v: string | null }>(
      `SELECT default_version AS v FROM pg_available_extensions WHERE name = 'postgis'`,
    );
    postgisVersion = available.rows[0]?.v ?? '';
    if (!postgisVersion) {
      throw new Error('PostGIS is not available on this PostgreSQL server: install it (e.g. postgresql-15-postgis-3).');
    }
    await pool.query('CREATE EXTENSION IF NOT EXISTS postgis');
  }
  let hasAsMvt = true;
  try {
    await pool.query(
      `SELECT ST_AsMVT(q, 'probe', 4096, 'g') FROM
         (SELECT ST_AsMVTGeom(ST_Point(1, 1, 3857), ST_MakeEnvelope(0, 0, 10, 10, 3857)) AS g) q`,
    );
  } catch {
    hasAsMvt = false;
  }
  return { postgisVersion, hasAsMvt };
}
