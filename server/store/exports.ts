import QueryStream from 'pg-query-stream';
import type pg from 'pg';
import type { ResolvedFilters } from './analytics.ts';

export interface ExportRow {
  id: number;
  ref: string;
  category: string;
  status: string;
  department: string;
  district: string | null;
  lon: number;
  lat: number;
  supporters: number;
  duplicate_of: number | null;
  description: string | null;
  created_at: Date;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  contact_email?: string | null;
  contact_phone?: string | null;
}

// Personal columns are selected only when $7 (with personal data) is true.
const EXPORT_SQL = `
SELECT r.id, r.ref, r.category, r.status, d.code AS department, di.name AS district,
       ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat, r.supporters, r.duplicate_of,
       CASE WHEN r.hidden_text AND NOT $7 THEN NULL ELSE r.description END AS description,
       r.created_at, r.acknowledged_at, r.resolved_at, r.closed_at,
       CASE WHEN $7 THEN r.contact_email END AS contact_email,
       CASE WHEN $7 THEN r.contact_phone END AS contact_phone
FROM reports r
JOIN departments d ON d.id = r.department_id
LEFT JOIN districts di ON di.id = r.district_id
WHERE r.city_id = $1 AND r.created_at >= $2 AND r.created_at < $3
  AND ($4::text[] IS NULL OR r.category = ANY($4::text[]))
  AND ($5::text[] IS NULL OR r.status = ANY($5::text[]))
  AND ($6::text[] IS NULL OR d.code = ANY($6::text[]))
ORDER BY r.id`;

/** Streams the filtered reports row by row through a cursor (never the whole result in memory). */
export function streamReports(client: pg.PoolClient, f: ResolvedFilters, withPersonalData: boolean): QueryStream {
  return client.query(
    new QueryStream(EXPORT_SQL, [f.cityId, f.from, f.to, f.categories, f.statuses, f.departments, withPersonalData], { batchSize: 1000 }),
  );
}
