import type { AddressInfo } from 'node:net';
import { makeApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { createLogger } from '../../server/log.ts';
import type { AuthOptions } from '../../server/routes/auth.ts';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the real app on a free loopback port over `db`. */
export async function startServer(db: Database, overrides: Partial<Config> = {}, auth: Partial<AuthOptions> = {}): Promise<TestServer> {
  const config = { ...loadConfig({}), ...overrides };
  const app = makeApp({ db, config, log: createLogger('silent'), auth });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await (app.locals.clusters as { stop(): Promise<void> } | undefined)?.stop();
    },
  };
}

/** JSON request helper returning status, headers and parsed body. */
export async function api(url: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...(rest.headers ?? {}) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body };
}
