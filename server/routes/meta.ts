import { Router } from 'express';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';

/** Read-only facts the map needs: health, categories, the service area and the client's settings. */
export function metaRouter(db: Database, config: Config): Router {
  const router = Router();

  router.get('/api/health', async (_req, res) => {
    await db.query('SELECT 1');
    res.set('Cache-Control', 'no-store');
    res.json({
      status: 'ok',
      database: {
        kind: db.kind,
        postgis: db.postgisVersion,
        tile_encoder: db.hasAsMvt ? 'postgis' : 'js',
      },
    });
  });

  router.get('/api/categories', async (_req, res) => {
    const { rows } = await db.query(
      `SELECT code, name_pl, name_en, group_code AS "group", dup_radius_m, dup_window_days,
              suggest_radius_m, photo_required
         FROM categories ORDER BY sort_order, code`,
    );
    res.set('Cache-Control', 'public, max-age=60');
    res.json({ categories: rows });
  });

  router.get('/api/cities', async (_req, res) => {
    const { rows } = await db.query(
      `SELECT c.code, c.name, c.ref_prefix,
              ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS bbox
         FROM cities c
         JOIN (SELECT city_id, ST_Extent(geom)::box2d AS e FROM districts GROUP BY city_id) x ON x.city_id = c.id
        ORDER BY c.id`,
    );
    res.set('Cache-Control', 'public, max-age=60');
    res.json({ cities: rows });
  });

  router.get('/api/districts', async (_req, res) => {
    const { rows } = await db.query<{ fc: unknown }>(
      `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                'type', 'Feature', 'id', d.id,
                'properties', json_build_object('name', d.name, 'code', d.code, 'city', c.code, 'population', d.population),
                'geometry', ST_AsGeoJSON(d.geom, 6)::json) ORDER BY d.id), '[]'::json)) AS fc
         FROM districts d JOIN cities c ON c.id = d.city_id`,
    );
    res.set('Cache-Control', 'public, max-age=300');
    res.json(rows[0]!.fc);
  });

  // Public names only: the dispatchers' screen offers them when handing a report on.
  router.get('/api/departments', async (_req, res) => {
    const { rows } = await db.query('SELECT code, name_pl, name_en, is_fallback FROM departments ORDER BY name_pl, code');
    res.set('Cache-Control', 'public, max-age=60');
    res.json({ departments: rows });
  });

  router.get('/api/client-config', (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.json({ basemap_style_url: config.basemapStyleUrl ?? null });
  });

  return router;
}
