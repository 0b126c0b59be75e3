import express, { Router } from 'express';
import type { Config } from '../config.ts';
import { notFound } from '../errors.ts';
import { mediaDir } from '../media/store.ts';

/** Serves stored photos. Their names are random and never reused, so they are cached for a year. */
export function mediaRouter(config: Config): Router {
  const router = Router();
  router.use(
    express.static(mediaDir(config.dataDir), { immutable: true, maxAge: '365d', index: false, dotfiles: 'deny', redirect: false }),
  );
  router.use((req) => {
    throw notFound(`No media ${req.originalUrl}`);
  });
  return router;
}
