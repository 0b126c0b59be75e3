import type { ReportFilters } from '../domain/report-filters.ts';
import type { Queryable } from './places.ts';

/** Resolved filters: codes checked against the catalogue, city resolved to its id. */
export interface ResolvedFilters extends ReportFilters {
  cityId: number;
}

// $1 city, $2 from, $3 to, $4 categories, $5 statuses, $6 department codes.
const FILTER_SQL = `
  r.city_id = $1 AND r.created_at >= $2 AND r.created_at < $3
  AND ($4::text[] IS NULL OR r.category = ANY($4::text[]))
  AND ($5::text[] IS NULL OR r.status = ANY($5::text[]))
  AND ($6::text[] IS NULL OR r.department_id IN (SELECT id FROM departments WHERE code = ANY($6::text[])))`;

function filterValues(f: ResolvedFilters): unknown[] {
  return [f.cityId, f.from, f.to, f.categories, f.statuses, f.departments];
}

// Axial hexagon cell of every report (pointy-top, circumradius $7 in mercator metres), counted.
// Cube rounding mirrors hexCellOf in server/domain/hexgrid.ts.
const HEX_COUNTS_SQL = `
WITH p AS (
  SELECT (0.5773502691896258 * r.x_3857 - r.y_3857 / 3) / $7 AS q,
         (2.0 / 3 * r.y_3857) / $7 AS r
  FROM reports r
  WHERE ${FILTER_SQL}
), c AS (
  SELECT q, r, -q - r AS s, round(q) AS rq, round(r) AS rr, round(-q - r) AS rs FROM p
)
SELECT (CASE WHEN abs(rq - q) > abs(rr - r) AND abs(rq - q) > abs(rs - s) THEN -rr - rs ELSE rq END)::int AS q,
       (CASE WHEN abs(rq - q) > abs(rr - r) AND abs(rq - q) > abs(rs - s) THEN rr
             WHEN abs(rr - r) > abs(rs - s) THEN -rq - rs
             ELSE rr END)::int AS r,
       count(*)::int AS n
FROM c GROUP BY 1, 2`;

/** Report counts per hexagon cell (only cells with reports). */
export async function hexCounts(q: Queryable, f: ResolvedFilters, size: number): Promise<Array<{ q: number; r: number; n: number }>> {
  const { rows } = await q.query<{ q: number; r: number; n: number }>(HEX_COUNTS_SQL, [...filterValues(f), size]);
  return rows;
}

// Any time zone: straight from the reports (a scan of the period).
const TIMESERIES_SCAN_SQL = `
SELECT to_char(date_trunc($7, r.created_at AT TIME ZONE $8), 'YYYY-MM-DD') AS period, r.category, count(*)::int AS n
FROM reports r
WHERE ${FILTER_SQL}
GROUP BY 1, 2 ORDER BY 1, 2`;

// The city's own time zone: whole local days from the daily counts, and the two partial days at
// the ends of the period from the reports themselves, so the answer is exactly the scan's. The
// edge bounds are written as expressions of the parameters (not read from a CTE) so that each
// edge is an index range on created_at rather than a scan of the period.
const LOCAL_DAY = (instant: string) => `(${instant}::timestamptz AT TIME ZONE $8)::date`;
const START_OF = (day: string) => `((${day})::timestamp AT TIME ZONE $8)`;
const TIMESERIES_DAILY_SQL = `
WITH deps AS (
  SELECT array_agg(id) AS ids FROM departments WHERE $6::text[] IS NOT NULL AND code = ANY($6::text[])
), counted AS (
  SELECT c.day, c.category, c.n
    FROM report_daily_counts c, deps
   WHERE c.city_id = $1 AND c.day > ${LOCAL_DAY('$2')} AND c.day < ${LOCAL_DAY('$3')}
     AND ($4::text[] IS NULL OR c.category = ANY($4::text[]))
     AND ($5::text[] IS NULL OR c.status = ANY($5::text[]))
     AND ($6::text[] IS NULL OR c.department_id = ANY(deps.ids))
  UNION ALL
  SELECT (r.created_at AT TIME ZONE $8)::date, r.category, 1
    FROM reports r
   WHERE ${FILTER_SQL}
     AND r.created_at < ${START_OF(`${LOCAL_DAY('$2')} + 1`)}
  UNION ALL
  SELECT (r.created_at AT TIME ZONE $8)::date, r.category, 1
    FROM reports r
   WHERE ${FILTER_SQL}
     AND r.created_at >= ${START_OF(LOCAL_DAY('$3'))}
     AND ${LOCAL_DAY('$3')} > ${LOCAL_DAY('$2')}
)
SELECT to_char(date_trunc($7, day::timestamp), 'YYYY-MM-DD') AS period, category, sum(n)::int AS n
FROM counted GROUP BY 1, 2 HAVING sum(n) > 0 ORDER BY 1, 2`;

/**
 * Report counts per period start (local date in `timeZone`) and category. In the city's own time
 * zone the daily counts answer; any other zone scans the reports.
 */
export async function timeseries(
  q: Queryable,
  f: ResolvedFilters,
  interval: 'day' | 'week' | 'month',
  timeZone: string,
  cityTimeZone: string,
): Promise<Array<{ period: string; category: string; n: number }>> {
  const sql = timeZone === cityTimeZone ? TIMESERIES_DAILY_SQL : TIMESERIES_SCAN_SQL;
  const { rows } = await q.query<{ period: string; category: string; n: number }>(sql, [...filterValues(f), interval, timeZone]);
  return rows;
}

// Backlog is what is open now; the other figures cover reports created in the period.
const DEPARTMENTS_SQL = `
WITH r AS (
  SELECT r.*, (r.created_at >= $2 AND r.created_at < $3) AS in_period
  FROM reports r
  WHERE r.city_id = $1 AND r.status <> 'duplicate'
    AND ($4::text[] IS NULL OR r.category = ANY($4::text[]))
)
SELECT d.code, d.name_pl, d.name_en,
  count(r.id) FILTER (WHERE r.status IN ('new', 'acknowledged', 'in_progress'))::int AS open_backlog,
  count(r.id) FILTER (WHERE r.in_period)::int AS reports_in_period,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.acknowledged_at - r.created_at) / 3600)
    FILTER (WHERE r.in_period AND r.acknowledged_at IS NOT NULL) AS ack_median_h,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM r.acknowledged_at - r.created_at) / 3600)
    FILTER (WHERE r.in_period AND r.acknowledged_at IS NOT NULL) AS ack_p90_h,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.resolved_at - r.created_at) / 3600)
    FILTER (WHERE r.in_period AND r.resolved_at IS NOT NULL) AS resolve_median_h,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM r.resolved_at - r.created_at) / 3600)
    FILTER (WHERE r.in_period AND r.resolved_at IS NOT NULL) AS resolve_p90_h,
  count(r.id) FILTER (WHERE r.in_period AND r.status = 'closed_not_fixed')::int AS closed_not_fixed,
  count(r.id) FILTER (WHERE r.in_period AND r.status IN ('resolved', 'closed_not_fixed'))::int AS closed
FROM departments d
LEFT JOIN r ON r.department_id = d.id
WHERE ($5::text[] IS NULL OR d.code = ANY($5::text[]))
GROUP BY d.id ORDER BY d.code`;

export interface DepartmentFigures {
  code: string;
  name_pl: string;
  name_en: string;
  open_backlog: number;
  reports_in_period: number;
  ack_median_h: number | null;
  ack_p90_h: number | null;
  resolve_median_h: number | null;
  resolve_p90_h: number | null;
  closed_not_fixed: number;
  closed: number;
}

/** Backlog and time-to-acknowledge/resolve figures per department. */
export async function departmentFigures(q: Queryable, f: ResolvedFilters): Promise<DepartmentFigures[]> {
  const { rows } = await q.query<DepartmentFigures>(DEPARTMENTS_SQL, [f.cityId, f.from, f.to, f.categories, f.departments]);
  return rows;
}

/** A city's district polygons as GeoJSON geometries (the study area of the hexagon grid). */
export async function cityDistricts(q: Queryable, cityId: number): Promise<Array<{ geometry: string }>> {
  const { rows } = await q.query<{ geometry: string }>('SELECT ST_AsGeoJSON(geom) AS geometry FROM districts WHERE city_id = $1', [cityId]);
  return rows;
}
