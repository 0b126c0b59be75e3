import { makeApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { prepareDatabase } from './start.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const log = createLogger(config.logLevel);
const started = Date.now();
const db = await prepareDatabase(config, log);
const app = makeApp({ db, config, log });
const server = app.listen(config.port, config.host, () => {
  log.info({ url: `http://localhost:${config.port}`, ms: Date.now() - started }, 'ordermap is listening');
});
server.on('error', (err) => {
  log.fatal({ err }, 'cannot listen');
  void db.close().finally(() => process.exit(1));
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close();
    server.closeAllConnections();
    (app.locals.clusters as { stop(): Promise<void> }).stop()
      .then(() => db.close())
      .then(() => process.exit(0))
      .catch((err) => {
        log.error({ err }, 'error while closing the database');
        process.exit(1);
      });
  });
}
