import type { Queryable } from './places.ts';

/** An open report as a crew sees it in its list of nearest tasks. */
export interface Task {
  id: number;
  ref: string;
  category: string;
  status: string;
  description: string;
  lat: number;
  lon: number;
  distance_m: number;
  age_hours: number;
  supporters: number;
  department: string;
  photos: Array<{ url: string; thumbnail_url: string; kind: string }>;
}

// Nearest first: the inner query walks the geography index of open reports in distance order
// (KNN) and stops after $5 of the department's reports; a radius test inside it would make the
// planner collect and sort every report in the radius instead (250 ms against 0.4 ms at 1M).
// `<->` on geography is the distance on the sphere; distance_m is the ellipsoidal distance.
const NEARBY_TASKS_SQL = `
WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS g),
near AS (
  -- The point is written out, not taken from p: KNN needs a constant on the right of <->.
  SELECT r.id, r.geom::geography <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS knn
  FROM reports r
  WHERE r.status IN ('new', 'acknowledged', 'in_progress')
    AND ($3::int[] IS NULL OR r.department_id = ANY($3::int[]))
  ORDER BY r.geom::geography <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography
  LIMIT $5
)
SELECT r.id, r.ref, r.category, r.status, r.description, ST_Y(r.geom) AS lat, ST_X(r.geom) AS lon,
       ST_Distance(r.geom::geography, p.g) AS distance_m,
       round((extract(epoch FROM now() - r.created_at) / 3600)::numeric, 2)::float8 AS age_hours,
       r.supporters, d.code AS department,
       coalesce((SELECT json_agg(json_build_object('url', '/media/' || ph.full_path, 'thumbnail_url', '/media/' || ph.thumb_path, 'kind', ph.kind)
                                 ORDER BY ph.position)
                   FROM report_photos ph WHERE ph.report_id = r.id), '[]'::json) AS photos
FROM near JOIN reports r ON r.id = near.id JOIN departments d ON d.id = r.department_id, p
WHERE near.knn <= $4
ORDER BY near.knn, r.id`;

/** Open reports of the given departments (null: all) within `radiusM` of a point, nearest first. */
export async function nearbyTasks(
  q: Queryable,
  at: { lon: number; lat: number },
  departmentIds: number[] | null,
  radiusM: number,
  limit: number,
): Promise<Task[]> {
  const { rows } = await q.query<Task>(NEARBY_TASKS_SQL, [at.lon, at.lat, departmentIds, radiusM, limit]);
  return rows;
}

/** A report in the dispatchers' triage queue. */
export interface TriageItem {
  id: number;
  ref: string;
  category: string;
  status: string;
  needs_triage: boolean;
  department: string;
  district: string | null;
  description: string;
  lat: number;
  lon: number;
  supporters: number;
  created_at: string;
}

// New or unrouted reports, oldest first: the ones waiting longest are triaged first.
const TRIAGE_SQL = `
SELECT r.id, r.ref, r.category, r.status, r.needs_triage, d.code AS department, di.name AS district,
       r.description, ST_Y(r.geom) AS lat, ST_X(r.geom) AS lon, r.supporters, r.created_at
FROM reports r
JOIN departments d ON d.id = r.department_id
LEFT JOIN districts di ON di.id = r.district_id
WHERE (r.status = 'new' OR r.needs_triage)
  AND ($1::int[] IS NULL OR r.department_id = ANY($1::int[]))
  AND ($2::text[] IS NULL OR r.category = ANY($2::text[]))
  AND ($3::bool IS NULL OR r.needs_triage = $3)
ORDER BY r.created_at, r.id
LIMIT $4 OFFSET $5`;

/** The triage queue of the given departments (null: all). */
export async function triageQueue(
  q: Queryable,
  f: { departmentIds: number[] | null; categories: string[] | null; needsTriage: boolean | null; limit: number; offset: number },
): Promise<TriageItem[]> {
  const { rows } = await q.query<TriageItem>(TRIAGE_SQL, [f.departmentIds, f.categories, f.needsTriage, f.limit, f.offset]);
  return rows;
}

/** A report's department id, or undefined if there is no such report. */
export async function departmentOfReport(q: Queryable, id: number): Promise<number | undefined> {
  const { rows } = await q.query<{ department_id: number }>('SELECT department_id FROM reports WHERE id = $1', [id]);
  return rows[0]?.department_id;
}

/** Department ids by code (unknown codes are left out). */
export async function departmentIds(q: Queryable, codes: string[]): Promise<Map<string, number>> {
  const { rows } = await q.query<{ code: string; id: number }>('SELECT code, id FROM departments WHERE code = ANY($1::text[])', [codes]);
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Hides or shows a report's text and photos (by position); returns how many photos matched. */
export async function setModeration(
  q: Queryable,
  id: number,
  m: { hideText: boolean | undefined; photoPositions: number[]; hidePhotos: boolean },
): Promise<number> {
  if (m.hideText !== undefined) await q.query('UPDATE reports SET hidden_text = $2, updated_at = now() WHERE id = $1', [id, m.hideText]);
  if (m.photoPositions.length === 0) return 0;
  const res = await q.query('UPDATE report_photos SET hidden = $3 WHERE report_id = $1 AND position = ANY($2::int[])', [id, m.photoPositions, m.hidePhotos]);
  return res.rowCount ?? 0;
}

/** The next free photo position of a report. */
export async function nextPhotoPosition(q: Queryable, id: number): Promise<number> {
  const { rows } = await q.query<{ n: number }>('SELECT coalesce(max(position) + 1, 0)::int AS n FROM report_photos WHERE report_id = $1', [id]);
  return rows[0]!.n;
}
