import type pg from 'pg';
import type { AreaCandidate } from '../domain/routing.ts';

/** Anything that runs SQL with $n parameters: the database, or one client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Where a point lies: its city and district (if inside the service area) and the areas containing it. */
export interface Place {
  cityId: number | null;
  refPrefix: string | null;
  districtId: number | null;
  districtName: string | null;
  candidates: AreaCandidate[];
}

// For each input point: the smallest district covering it (official boundaries overlap
// slightly along shared edges) and every department area covering it.
const LOCATE_SQL = `
WITH pts AS (
  SELECT i, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS g
  FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lon, lat, i)
)
SELECT pts.i,
       d.id AS district_id, d.name AS district_name, d.city_id, c.ref_prefix,
       (SELECT coalesce(json_agg(json_build_object(
                 'id', a.id, 'departmentId', a.department_id, 'categories', a.categories,
                 'priority', a.priority, 'areaM2', a.area_m2)), '[]'::json)
          FROM department_areas a WHERE ST_Covers(a.geom, pts.g)) AS candidates
FROM pts
LEFT JOIN LATERAL (
  SELECT d.id, d.name, d.city_id FROM districts d
  WHERE ST_Covers(d.geom, pts.g)
  ORDER BY ST_Area(d.geom), d.id LIMIT 1
) d ON true
LEFT JOIN cities c ON c.id = d.city_id
ORDER BY pts.i`;

/** Locates many points in one round trip; the result is in input order. */
export async function locatePoints(q: Queryable, points: ReadonlyArray<{ lon: number; lat: number }>): Promise<Place[]> {
  if (points.length === 0) return [];
  const { rows } = await q.query<{
    district_id: number | null;
    district_name: string | null;
    city_id: number | null;
    ref_prefix: string | null;
    candidates: AreaCandidate[];
  }>(LOCATE_SQL, [points.map((p) => p.lon), points.map((p) => p.lat)]);
  return rows.map((r) => ({
    cityId: r.city_id,
    refPrefix: r.ref_prefix,
    districtId: r.district_id,
    districtName: r.district_name,
    candidates: r.candidates,
  }));
}

/** The id of the contact-centre department that receives unrouted reports. */
export async function fallbackDepartmentId(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ id: number }>('SELECT id FROM departments WHERE is_fallback');
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('No fallback department is configured (departments.is_fallback)');
  return id;
}
