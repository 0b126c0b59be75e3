import { Router, type Request } from 'express';
import { z } from 'zod';
import { parseBBox, parseOrThrow } from '../../server/domain/validation.ts';
import { badRequest, notFound } from '../../server/errors.ts';
import { MAX_ZOOM } from '../address.ts';
import { FilterError, parseReportFilters, type FilterVocabulary, type ReportFilters } from '../filters.ts';
import { clustersIn, expansionZoom, leaves } from './output.ts';
import type { ClusterService } from './service.ts';

/** Most features one /api/clusters answer carries; a larger box must be asked at a lower zoom. */
export const MAX_CLUSTER_FEATURES = 20_000;

const zoomSchema = z.coerce.number({ error: 'zoom must be a number' }).int({ error: 'zoom must be an integer' }).min(0).max(MAX_ZOOM);
const idSchema = z.coerce.number({ error: 'cluster_id must be a number' }).int().min(0).max(2 ** 53);
const limitSchema = z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(1000).default(10);
const offsetSchema = z.coerce.number({ error: 'offset must be a number' }).int().min(0).default(0);

/** Parses the report filters of a request into a 400 on bad input. */
export async function requestFilters(req: Request, vocabulary: () => Promise<FilterVocabulary>): Promise<ReportFilters> {
  try {
    return parseReportFilters(req.query as Record<string, unknown>, await vocabulary());
  } catch (err) {
    if (err instanceof FilterError) throw badRequest('invalid_filter', err.message, err.details);
    throw err;
  }
}

const blank = (v: unknown) => (v === '' ? undefined : v);

/** GET /api/clusters, /api/clusters/:id/expansion-zoom and /api/clusters/:id/leaves. */
export function clustersRouter(clusters: ClusterService, vocabulary: () => Promise<FilterVocabulary>): Router {
  const router = Router();

  router.get('/api/clusters', async (req, res) => {
    const bbox = parseBBox(req.query.bbox);
    if (req.query.zoom === undefined) throw badRequest('invalid_zoom', 'zoom is required (0–22)', { zoom: null });
    const zoom = parseOrThrow(zoomSchema, blank(req.query.zoom), 'invalid_zoom');
    const ix = await clusters.index(await requestFilters(req, vocabulary));
    const features = clustersIn(ix, bbox, zoom, MAX_CLUSTER_FEATURES);
    if (!features) {
      throw badRequest('too_many_features', `More than ${MAX_CLUSTER_FEATURES} clusters and reports in this box at zoom ${zoom}: ask for a smaller box or a lower zoom`, {
        limit: MAX_CLUSTER_FEATURES,
      });
    }
    res.set('Cache-Control', 'no-cache');
    res.json({ type: 'FeatureCollection', version: ix.version, features });
  });

  // What the index holds and how long it took: for operators and the benchmark.
  router.get('/api/clusters/status', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(clusters.status());
  });

  router.get('/api/clusters/:id/expansion-zoom', async (req, res) => {
    const id = parseOrThrow(idSchema, req.params.id, 'invalid_cluster_id');
    const ix = await clusters.index(await requestFilters(req, vocabulary));
    const zoom = expansionZoom(ix, id);
    if (zoom === null) throw clusterGone(id);
    res.set('Cache-Control', 'no-cache');
    res.json({ cluster_id: id, expansion_zoom: zoom });
  });

  router.get('/api/clusters/:id/leaves', async (req, res) => {
    const id = parseOrThrow(idSchema, req.params.id, 'invalid_cluster_id');
    const limit = parseOrThrow(limitSchema, blank(req.query.limit), 'invalid_limit');
    const offset = parseOrThrow(offsetSchema, blank(req.query.offset), 'invalid_offset');
    const ix = await clusters.index(await requestFilters(req, vocabulary));
    const features = leaves(ix, id, limit, offset);
    if (!features) throw clusterGone(id);
    res.set('Cache-Control', 'no-cache');
    res.json({ type: 'FeatureCollection', features });
  });

  return router;
}

function clusterGone(id: number) {
  // Cluster ids belong to one index: another filter, or a rebuild after reports changed, renumbers them.
  return notFound(`No cluster ${id} for these filters (clusters are renumbered when reports change; ask /api/clusters again)`, { cluster_id: id });
}
