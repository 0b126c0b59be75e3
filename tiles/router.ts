import { Router } from 'express';
import type { Database } from '../server/db/database.ts';
import { badRequest, notFound } from '../server/errors.ts';
import { parseTileAddress, TileAddressError } from './address.ts';
import { FilterError, LAYERS } from './layers.ts';
import { renderTile } from './render.ts';

export const TILE_MIME = 'application/vnd.mapbox-vector-tile';

/**
 * GET /tiles/{layer}/{z}/{x}/{y}.mvt. An empty tile is an empty 200 body. Express adds a
 * strong-enough ETag and answers 304 to a matching If-None-Match; compression gzips on request.
 */
export function tilesRouter(db: Database): Router {
  const router = Router();
  router.get('/tiles/:layer/:z/:x/:y.mvt', async (req, res) => {
    const layer = LAYERS[req.params.layer];
    if (!layer) throw notFound(`Unknown tile layer "${req.params.layer}"`, { layers: Object.keys(LAYERS) });
    let tile;
    let filters;
    try {
      tile = parseTileAddress(req.params.z, req.params.x, req.params.y);
      filters = layer.parseFilters?.(req.query as Record<string, unknown>) ?? {};
    } catch (err) {
      if (err instanceof TileAddressError) throw badRequest('invalid_tile', err.message, err.value);
      if (err instanceof FilterError) throw badRequest('invalid_filter', err.message, err.details);
      throw err;
    }
    const body = await renderTile(db, layer, tile, filters);
    res.set('Content-Type', TILE_MIME);
    res.set('Cache-Control', 'public, max-age=5, stale-while-revalidate=30');
    res.send(body);
  });
  return router;
}
