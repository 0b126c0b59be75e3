import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A running embedded PostgreSQL (PGlite + PostGIS) reachable by `pg` on loopback. */
export interface EmbeddedServer {
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite with PostGIS and serves it on a free loopback port.
 * `dataDir` undefined keeps the database in memory (tests); otherwise it persists there.
 */
export async function startEmbedded(dataDir: string | undefined): Promise<EmbeddedServer> {
  if (dataDir) await fs.mkdir(dataDir, { recursive: true });
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { postgis } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  let stopped = false;
  return {
    connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      // The socket handler detaches on the next tick; closing PGlite before that crashes it.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await db.close();
    },
  };
}
