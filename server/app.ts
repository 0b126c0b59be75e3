import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { installTiles, TILE_MIME } from '../tiles/router.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { errorHandler, notFound } from './errors.ts';
import { metaRouter } from './routes/meta.ts';
import { reportsRouter } from './routes/reports.ts';

/** The built web app (vite build output). */
export const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

export interface AppDeps {
  db: Database;
  config: Config;
  log: Logger;
}

/** Builds the Express app; tests use it without listening. */
export function makeApp({ db, config, log }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  installSecurity(app, config);
  app.use(compression({ filter: (req, res) => res.getHeader('Content-Type') === TILE_MIME || compression.filter(req, res) }));
  app.use(express.json({ limit: '1mb' }));
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      log.debug({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  });

  app.use(metaRouter(db, config));
  app.use(reportsRouter(db));
  app.locals.clusters = installTiles(app, db);
  app.use(['/api', '/tiles'], (req) => {
    throw notFound(`No route ${req.method} ${req.originalUrl}`);
  });
  installWeb(app);
  app.use(errorHandler(log));
  return app;
}

function installSecurity(app: Express, config: Config) {
  const external = config.basemapStyleUrl && /^https?:/.test(config.basemapStyleUrl) ? ['https:'] : [];
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'worker-src': ["'self'", 'blob:'],
          'child-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:', ...external],
          'style-src': ["'self'", "'unsafe-inline'"],
          'connect-src': ["'self'", ...external],
          'font-src': ["'self'", ...external],
        },
      },
    }),
  );
}

/** Serves the built web app: hashed assets cached for a year, pages always revalidated. */
function installWeb(app: Express) {
  const index = path.join(WEB_DIST, 'index.html');
  app.use(
    '/assets',
    express.static(path.join(WEB_DIST, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  app.use(express.static(WEB_DIST, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|tiles\/|media\/).*/, (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built: run `npm run build`.');
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
