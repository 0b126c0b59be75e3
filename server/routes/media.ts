import express, { Router } from 'express';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { mediaDir } from '../media/store.ts';

const HIDDEN_SQL = `SELECT hidden FROM report_photos WHERE full_path = $1 OR thumb_path = $1 LIMIT 1`;

/**
 * Serves stored photos. A photo a moderator hid is gone for the public at once (404) and stays
 * visible to signed-in staff. Names are random and never reused; photos are cached for a day
 * rather than a year, so a moderation decision also reaches shared caches within a day.
 */
export function mediaRouter(config: Config, db: Database): Router {
  const router = Router();
  router.use(async (req, res, next) => {
    const path = decodeURIComponent(req.path.replace(/^\//, ''));
    const { rows } = await db.query<{ hidden: boolean }>(HIDDEN_SQL, [path]);
    if (rows[0]?.hidden) {
      if (!req.staff) throw notFound(`No media ${req.originalUrl}`);
      res.set('Cache-Control', 'private, no-store');
    }
    next();
  });
  const options = { index: false as const, dotfiles: 'deny' as const, redirect: false };
  const forPublic = express.static(mediaDir(config.dataDir), { ...options, maxAge: '1d' });
  const forStaff = express.static(mediaDir(config.dataDir), { ...options, cacheControl: false });
  router.use((req, res, next) => (res.get('Cache-Control') ? forStaff : forPublic)(req, res, next));
  router.use((req) => {
    throw notFound(`No media ${req.originalUrl}`);
  });
  return router;
}
