import type { Status } from '../domain/statuses.ts';
import type { Queryable } from './places.ts';

/** A report ready to be stored: validated, located and routed. */
export interface ReportRow {
  cityId: number;
  refPrefix: string;
  districtId: number | null;
  category: string;
  status: Status;
  description: string;
  lon: number;
  lat: number;
  departmentId: number;
  areaId: number | null;
  needsTriage: boolean;
  contactEmail: string | null;
  contactPhone: string | null;
  idempotencyKey: string | null;
  source: string;
  /** undefined: now. */
  createdAt?: Date;
  acknowledgedAt?: Date | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  /** The master report when this one is filed as its duplicate. */
  duplicateOf?: number | null;
}

// Bulk insert from parallel arrays. The public reference reads PREFIX-YEAR-NNNNNN
// (at least six digits), from the report's id and the year it was created.
const INSERT_SQL = `
WITH input AS (
  SELECT *, nextval(pg_get_serial_sequence('reports', 'id')) AS id
  FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[],
              $9::int[], $10::int[], $11::bool[], $12::text[], $13::text[], $14::text[], $15::text[],
              $16::timestamptz[], $17::timestamptz[], $18::timestamptz[], $19::timestamptz[], $20::int8[])
       AS t(city_id, ref_prefix, district_id, category, status, description, lon, lat,
            department_id, area_id, needs_triage, contact_email, contact_phone, idempotency_key, source,
            created_at, acknowledged_at, resolved_at, closed_at, duplicate_of)
), inserted AS (
  INSERT INTO reports (id, ref, city_id, district_id, category, status, description, geom, department_id, area_id,
                       needs_triage, contact_email, contact_phone, idempotency_key, source,
                       created_at, updated_at, acknowledged_at, resolved_at, closed_at, duplicate_of)
  SELECT id,
         ref_prefix || '-' || to_char(coalesce(created_at, now()) AT TIME ZONE 'UTC', 'YYYY') || '-' ||
           lpad(id::text, greatest(6, length(id::text)), '0'),
         city_id, district_id, category, status, description, ST_SetSRID(ST_MakePoint(lon, lat), 4326),
         department_id, area_id, needs_triage, contact_email, contact_phone, idempotency_key, source,
         coalesce(created_at, now()), coalesce(closed_at, resolved_at, acknowledged_at, created_at, now()),
         acknowledged_at, resolved_at, closed_at, duplicate_of
  FROM input
  RETURNING id, created_at, status
), events AS (
  INSERT INTO report_events (report_id, at, actor, kind, to_value)
  SELECT id, created_at, 'resident', 'created', status FROM inserted
)
SELECT id FROM inserted ORDER BY id`;

/** Inserts reports with their "created" events; returns the new ids in input order. */
export async function insertReports(q: Queryable, rows: readonly ReportRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const col = <T>(f: (r: ReportRow) => T) => rows.map(f);
  const { rows: out } = await q.query<{ id: number }>(INSERT_SQL, [
    col((r) => r.cityId),
    col((r) => r.refPrefix),
    col((r) => r.districtId),
    col((r) => r.category),
    col((r) => r.status),
    col((r) => r.description),
    col((r) => r.lon),
    col((r) => r.lat),
    col((r) => r.departmentId),
    col((r) => r.areaId),
    col((r) => r.needsTriage),
    col((r) => r.contactEmail),
    col((r) => r.contactPhone),
    col((r) => r.idempotencyKey),
    col((r) => r.source),
    col((r) => r.createdAt ?? null),
    col((r) => r.acknowledgedAt ?? null),
    col((r) => r.resolvedAt ?? null),
    col((r) => r.closedAt ?? null),
    col((r) => r.duplicateOf ?? null),
  ]);
  return out.map((r) => r.id);
}

/** A report as anyone may see it: no contact data, hidden text withheld. */
export interface PublicReport {
  id: number;
  ref: string;
  category: string;
  status: Status;
  description: string | null;
  lat: number;
  lon: number;
  district: string | null;
  department: { code: string; name_pl: string; name_en: string };
  needs_triage: boolean;
  duplicate_of: number | null;
  supporters: number;
  created_at: string;
  updated_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
}

// The one projection of a report that leaves the server publicly.
const PUBLIC_COLUMNS = `
  r.id, r.ref, r.category, r.status,
  CASE WHEN r.hidden_text THEN NULL ELSE r.description END AS description,
  ST_Y(r.geom) AS lat, ST_X(r.geom) AS lon, di.name AS district,
  json_build_object('code', d.code, 'name_pl', d.name_pl, 'name_en', d.name_en) AS department,
  r.needs_triage, r.duplicate_of, r.supporters,
  r.created_at, r.updated_at, r.acknowledged_at, r.resolved_at, r.closed_at`;

const PUBLIC_FROM = `
  FROM reports r
  JOIN departments d ON d.id = r.department_id
  LEFT JOIN districts di ON di.id = r.district_id`;

/** The public view of one report, or undefined. */
export async function getPublicReport(q: Queryable, id: number): Promise<PublicReport | undefined> {
  const { rows } = await q.query<PublicReport>(`SELECT ${PUBLIC_COLUMNS} ${PUBLIC_FROM} WHERE r.id = $1`, [id]);
  return rows[0];
}

/** The public view of one report by its reference (e.g. GD-2026-000123), or undefined. */
export async function getPublicReportByRef(q: Queryable, ref: string): Promise<PublicReport | undefined> {
  const { rows } = await q.query<PublicReport>(`SELECT ${PUBLIC_COLUMNS} ${PUBLIC_FROM} WHERE r.ref = $1`, [ref]);
  return rows[0];
}

export interface PublicEvent {
  at: string;
  kind: string;
  from: string | null;
  to: string | null;
  note: string | null;
}

/** A report's public history, oldest first. Staff identities are not shown. */
export async function getPublicEvents(q: Queryable, reportId: number): Promise<PublicEvent[]> {
  const { rows } = await q.query<PublicEvent>(
    `SELECT at, kind, from_value AS "from", to_value AS "to", note
       FROM report_events WHERE report_id = $1 AND is_public ORDER BY at, id`,
    [reportId],
  );
  return rows;
}

export interface BBoxQuery {
  bbox: [number, number, number, number];
  statuses: readonly Status[];
  categories: readonly string[] | null;
  limit: number;
}

/** Public reports inside a lon/lat box, newest first. */
export async function listPublicInBBox(q: Queryable, query: BBoxQuery): Promise<PublicReport[]> {
  const [w, s, e, n] = query.bbox;
  const { rows } = await q.query<PublicReport>(
    `SELECT ${PUBLIC_COLUMNS} ${PUBLIC_FROM}
      WHERE r.geom_3857 && ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 3857)
        AND ST_Intersects(r.geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))
        AND r.status = ANY($5::text[])
        AND ($6::text[] IS NULL OR r.category = ANY($6::text[]))
      ORDER BY r.created_at DESC, r.id DESC
      LIMIT $7`,
    [w, s, e, n, query.statuses, query.categories, query.limit],
  );
  return rows;
}

export interface NearbyPublicReport extends PublicReport {
  distance_m: number;
}

// Open reports of one category within a radius of a point, nearest first. The literal status
// list matches the partial index reports_open_geog_idx.
const NEARBY_PUBLIC_SQL = `
SELECT ${PUBLIC_COLUMNS}, round(ST_Distance(r.geom::geography, p.g)::numeric, 1)::float8 AS distance_m
  ${PUBLIC_FROM}
  CROSS JOIN (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS g) p
 WHERE r.category = $3
   AND r.status IN ('new', 'acknowledged', 'in_progress')
   AND ST_DWithin(r.geom::geography, p.g, $4)
 ORDER BY ST_Distance(r.geom::geography, p.g), r.id
 LIMIT $5`;

/** Open reports of `category` within `radiusM` metres of a point, nearest first, with their distance. */
export async function listNearbyPublic(
  q: Queryable,
  point: { lon: number; lat: number },
  category: string,
  radiusM: number,
  limit: number,
): Promise<NearbyPublicReport[]> {
  const { rows } = await q.query<NearbyPublicReport>(NEARBY_PUBLIC_SQL, [point.lon, point.lat, category, radiusM, limit]);
  return rows;
}
