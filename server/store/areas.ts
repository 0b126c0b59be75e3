import type { AreaCandidate } from '../domain/routing.ts';
import type { Queryable } from './places.ts';

/** What PostGIS makes of one imported geometry. */
export interface GeometryCheck {
  valid: boolean;
  reason: string | null;
  empty: boolean;
  insideServiceArea: boolean;
}

// The repair every import applies: ST_MakeValid, keep only the polygonal parts, as a MultiPolygon.
const REPAIRED = `ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(j), 4326)), 3))`;

const CHECK_SQL = `
SELECT t.i, ST_IsValid(g) AS valid, CASE WHEN ST_IsValid(g) THEN NULL ELSE ST_IsValidReason(g) END AS reason,
       ST_IsEmpty(m) AS empty,
       EXISTS (SELECT 1 FROM districts d WHERE ST_Intersects(d.geom, m)) AS inside
  FROM unnest($1::text[]) WITH ORDINALITY AS t(j, i)
  CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(t.j), 4326) AS g, ${REPAIRED} AS m) x
 ORDER BY t.i`;

/** Checks GeoJSON geometries with PostGIS: validity (with the reason), emptiness after repair, and overlap with the service area. */
export async function checkGeometries(q: Queryable, geojson: readonly string[]): Promise<GeometryCheck[]> {
  const { rows } = await q.query<{ valid: boolean; reason: string | null; empty: boolean; inside: boolean }>(CHECK_SQL, [geojson]);
  return rows.map((r) => ({ valid: r.valid, reason: r.reason, empty: r.empty, insideServiceArea: r.inside }));
}

const DEPARTMENTS_SQL = `SELECT id, code FROM departments`;
const CATEGORIES_SQL = `SELECT code FROM categories`;

/** Department ids by code, and the category codes. */
export async function loadCodes(q: Queryable): Promise<{ departments: Map<string, number>; categories: Set<string> }> {
  const deps = await q.query<{ id: number; code: string }>(DEPARTMENTS_SQL);
  const cats = await q.query<{ code: string }>(CATEGORIES_SQL);
  return { departments: new Map(deps.rows.map((r) => [r.code, r.id])), categories: new Set(cats.rows.map((r) => r.code)) };
}

const AREA_ROUTED_OPEN_SQL = `
SELECT r.id FROM reports r JOIN department_areas a ON a.id = r.area_id
 WHERE a.department_id = ANY($1::int[]) AND r.status IN ('new', 'acknowledged', 'in_progress')`;

/** Open reports currently routed through an area of these departments. */
export async function openReportsRoutedBy(q: Queryable, departmentIds: readonly number[]): Promise<number[]> {
  const { rows } = await q.query<{ id: number }>(AREA_ROUTED_OPEN_SQL, [departmentIds]);
  return rows.map((r) => r.id);
}

const DELETE_AREAS_SQL = `DELETE FROM department_areas WHERE department_id = ANY($1::int[])`;

/** Removes every area of these departments; returns how many. */
export async function deleteAreas(q: Queryable, departmentIds: readonly number[]): Promise<number> {
  return (await q.query(DELETE_AREAS_SQL, [departmentIds])).rowCount ?? 0;
}

const INSERT_AREAS_SQL = `
INSERT INTO department_areas (department_id, name, categories, priority, geom)
SELECT department_id, name, CASE WHEN categories_csv IS NULL THEN NULL ELSE string_to_array(categories_csv, ',') END, priority, ${REPAIRED}
  FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::text[]) AS t(department_id, name, categories_csv, priority, j)`;

/** Inserts areas, repairing their geometry the same way checkGeometries judged it. */
export async function insertAreas(
  q: Queryable,
  areas: ReadonlyArray<{ departmentId: number; name: string | null; categories: string[] | null; priority: number; geometry: string }>,
): Promise<number> {
  const res = await q.query(INSERT_AREAS_SQL, [
    areas.map((a) => a.departmentId),
    areas.map((a) => a.name),
    areas.map((a) => (a.categories ? a.categories.join(',') : null)),
    areas.map((a) => a.priority),
    areas.map((a) => a.geometry),
  ]);
  return res.rowCount ?? 0;
}

/** An open report to route again, with the areas now covering it. */
export interface RerouteCandidate {
  id: number;
  category: string;
  departmentId: number;
  areaId: number | null;
  needsTriage: boolean;
  candidates: AreaCandidate[];
}

// Reports a new set of areas may affect: those the replaced areas routed, those waiting for
// triage, and area-routed reports the new areas cover. Reports staff assigned by hand
// (no area, not in triage) keep their department.
const REROUTE_CANDIDATES_SQL = `
SELECT r.id, r.category, r.department_id, r.area_id, r.needs_triage,
       (SELECT coalesce(json_agg(json_build_object('id', a.id, 'departmentId', a.department_id, 'categories', a.categories,
                                                   'priority', a.priority, 'areaM2', a.area_m2)), '[]'::json)
          FROM department_areas a WHERE ST_Covers(a.geom, r.geom)) AS candidates
  FROM reports r
 WHERE r.status IN ('new', 'acknowledged', 'in_progress')
   AND (r.id = ANY($1::int8[]) OR r.needs_triage
        OR (r.area_id IS NOT NULL AND EXISTS (
              SELECT 1 FROM department_areas a WHERE a.department_id = ANY($2::int[]) AND ST_Covers(a.geom, r.geom))))`;

/** The open reports to route again after the areas of `departmentIds` changed. */
export async function rerouteCandidates(q: Queryable, previouslyRouted: readonly number[], departmentIds: readonly number[]): Promise<RerouteCandidate[]> {
  const { rows } = await q.query(REROUTE_CANDIDATES_SQL, [previouslyRouted, departmentIds]);
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    departmentId: r.department_id,
    areaId: r.area_id,
    needsTriage: r.needs_triage,
    candidates: r.candidates,
  }));
}

const APPLY_ROUTES_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::int8[], $2::int[], $3::int[], $4::bool[], $5::bool[]) AS t(id, department_id, area_id, needs_triage, moved)
), upd AS (
  UPDATE reports r
     SET department_id = i.department_id, area_id = i.area_id, needs_triage = i.needs_triage,
         updated_at = CASE WHEN i.moved THEN now() ELSE r.updated_at END
    FROM input i
   WHERE r.id = i.id
  RETURNING r.id, i.moved
)
INSERT INTO report_events (report_id, actor, kind, from_value, to_value, note)
SELECT i.id, $6, 'department', fd.code, td.code, $7
  FROM input i
  JOIN upd u ON u.id = i.id AND u.moved
  JOIN unnest($1::int8[], $8::int[]) AS f(id, from_department) ON f.id = i.id
  JOIN departments fd ON fd.id = f.from_department
  JOIN departments td ON td.id = i.department_id`;

/** Stores new routes for reports; a department change also writes an event. */
export async function applyRoutes(
  q: Queryable,
  routes: ReadonlyArray<{ id: number; fromDepartmentId: number; departmentId: number; areaId: number | null; needsTriage: boolean }>,
  actor: string,
  note: string,
): Promise<void> {
  if (routes.length === 0) return;
  await q.query(APPLY_ROUTES_SQL, [
    routes.map((r) => r.id),
    routes.map((r) => r.departmentId),
    routes.map((r) => r.areaId),
    routes.map((r) => r.needsTriage),
    routes.map((r) => r.departmentId !== r.fromDepartmentId),
    actor,
    note,
    routes.map((r) => r.fromDepartmentId),
  ]);
}
