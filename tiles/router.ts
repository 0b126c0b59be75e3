import { Router, type Express, type Request } from 'express';
import type { Database } from '../server/db/database.ts';
import { badRequest, notFound } from '../server/errors.ts';
import { parseTileAddress, TileAddressError, type TileAddress } from './address.ts';
import { ClusterService } from './clusters/service.ts';
import { clustersRouter, requestFilters } from './clusters/router.ts';
import { clusterTile } from './clusters/output.ts';
import { TileCache } from './cache.ts';
import { filterKey, type FilterVocabulary } from './filters.ts';
import { LAYERS, type LayerDef } from './layers.ts';
import { renderTile } from './render.ts';
import { tileJson } from './tilejson.ts';
import { cachedVocabulary } from './vocabulary.ts';

export const TILE_MIME = 'application/vnd.mapbox-vector-tile';

/** Mounts the tile endpoints and the cluster API; returns the cluster service (stop it on shutdown). */
export function installTiles(app: Express, db: Database): ClusterService {
  const vocabulary = cachedVocabulary(db);
  const clusters = new ClusterService(db, vocabulary);
  app.use(tilesRouter(db, clusters, vocabulary));
  app.use(clustersRouter(clusters, vocabulary));
  return clusters;
}

/**
 * GET /tiles/{layer}/{z}/{x}/{y}.mvt and GET /tiles/{layer}.json (TileJSON 3.0). An empty tile is
 * an empty 200 body. Express adds an ETag and answers 304 to a matching If-None-Match;
 * compression gzips on request.
 */
export function tilesRouter(db: Database, clusters: ClusterService, vocabulary: () => Promise<FilterVocabulary>): Router {
  const router = Router();
  const cache = new TileCache();
  const layerOf = (name: string): LayerDef => {
    const layer = LAYERS[name];
    if (!layer) throw notFound(`Unknown tile layer "${name}"`, { layers: Object.keys(LAYERS) });
    return layer;
  };

  router.get('/tiles/:layer.json', async (req, res) => {
    const layer = layerOf(req.params.layer);
    if (layer.filtered) await requestFilters(req, vocabulary); // a bad filter fails here, not in every tile
    // The tile URLs inside are built from the request's Host: no shared cache may keep them.
    res.set('Cache-Control', 'private, max-age=60');
    res.json(await tileJson(db, layer, baseUrl(req), queryString(req)));
  });

  router.get('/tiles/:layer/:z/:x/:y.mvt', async (req, res) => {
    const layer = layerOf(req.params.layer);
    let tile: TileAddress;
    try {
      tile = parseTileAddress(req.params.z, req.params.x, req.params.y);
    } catch (err) {
      if (err instanceof TileAddressError) throw badRequest('invalid_tile', err.message, err.value);
      throw err;
    }
    const filters = layer.filtered ? await requestFilters(req, vocabulary) : null;
    let body: Buffer;
    if (layer.kind === 'clusters' || (layer.belowMinzoom === 'clusters' && tile.z < layer.minzoom)) {
      body = clusterTile(await clusters.index(filters!), tile);
    } else if (filters) {
      // Report tiles are cached per reports_version, which the cluster service polls; until it
      // runs (it starts here, in the background) every tile comes from the database.
      clusters.start().catch(() => undefined);
      const version = clusters.knownVersion();
      const key = `${layer.name}/${tile.z}/${tile.x}/${tile.y}?${filterKey(filters)}`;
      const cached = version === null ? undefined : cache.get(key, version);
      body = cached ?? (await renderTile(db, layer, tile, filters));
      if (version !== null && !cached) cache.set(key, version, body);
    } else {
      body = await renderTile(db, layer, tile, null);
    }
    res.set('Content-Type', TILE_MIME);
    // Reports change all the time and a new one must show within seconds; areas and districts rarely.
    res.set('Cache-Control', layer.filtered ? 'public, max-age=1' : 'public, max-age=300');
    res.send(body);
  });
  return router;
}

function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function queryString(req: Request): string {
  const i = req.originalUrl.indexOf('?');
  return i >= 0 ? req.originalUrl.slice(i) : '';
}
