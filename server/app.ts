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
import { authenticate } from './auth/middleware.ts';
import { analyticsRouter } from './routes/analytics.ts';
import { authRouter, DEFAULT_AUTH, type AuthOptions } from './routes/auth.ts';
import { metaRouter } from './routes/meta.ts';
import { adminRouter } from './routes/admin.ts';
import { mediaRouter } from './routes/media.ts';
import { reportsRouter } from './routes/reports.ts';
import { staffRouter } from './routes/staff.ts';

/** The built web app (vite build output). */
export const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

export interface AppDeps {
  db: Database;
  config: Config;
  log: Logger;
  /** Session lifetime and login limits (tests shorten them). */
  auth?: Partial<AuthOptions>;
}

/** Builds the Express app; tests use it without listening. */
export function makeApp({ db, config, log, auth }: AppDeps): Express {
  const authOptions = { ...DEFAULT_AUTH, ...auth };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  installSecurity(app, config);
  app.use(compression({ filter: (req, res) => res.getHeader('Content-Type') === TILE_MIME || compression.filter(req, res) }));
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      log.debug({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  });
  // Tiles and clusters are public and the hottest path: served before sessions are looked up
  // and before the API's routers are matched.
  app.locals.clusters = installTiles(app, db);
  app.use(authenticate(db, authOptions.sessionTtlMs));
  // The area import checks the role before reading its (possibly large) body.
  app.use('/api/admin', adminRouter(db, log));
  app.use(express.json({ limit: '1mb' }));
  app.use(authRouter(db, authOptions));
  app.use(metaRouter(db, config));
  app.use(analyticsRouter(db));
  app.use(staffRouter(db, config));
  app.use(reportsRouter(db, config));
  app.use('/media', mediaRouter(config, db));
  app.use(['/api', '/tiles'], (req) => {
    throw notFound(`No route ${req.method} ${req.originalUrl}`);
  });
  installWeb(app);
  app.use(errorHandler(log));
  return app;
}

function installSecurity(app: Express, config: Config) {
  // A real basemap pulls its tiles, sprites and glyphs from other hosts: allow that scheme.
  const external = config.basemapStyleUrl && /^https?:/.test(config.basemapStyleUrl) ? [new URL(config.basemapStyleUrl).protocol] : [];
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
          // Served over plain HTTP on a LAN the page must still load; TLS is the proxy's job.
          'upgrade-insecure-requests': null,
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
