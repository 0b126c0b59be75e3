import type { DedupSettings, NearbyReport } from '../domain/dedup.ts';
import type { Queryable } from './places.ts';

/** A category's intake settings. */
export interface CategorySettings extends DedupSettings {
  code: string;
  photoRequired: boolean;
}

const CATEGORY_SQL = `
SELECT code, dup_radius_m, dup_window_days, suggest_radius_m, photo_required FROM categories WHERE code = $1`;

/** The intake settings of a category, or undefined when there is no such category. */
export async function getCategorySettings(q: Queryable, code: string): Promise<CategorySettings | undefined> {
  const { rows } = await q.query<{
    code: string;
    dup_radius_m: number;
    dup_window_days: number;
    suggest_radius_m: number;
    photo_required: boolean;
  }>(CATEGORY_SQL, [code]);
  const r = rows[0];
  return r
    ? {
        code: r.code,
        dupRadiusM: r.dup_radius_m,
        dupWindowDays: r.dup_window_days,
        suggestRadiusM: r.suggest_radius_m,
        photoRequired: r.photo_required,
      }
    : undefined;
}

// Serialises intake per category for the length of a transaction, so two identical reports
// filed at once cannot both miss each other. The key space is shared with nothing else.
const LOCK_CATEGORY_SQL = `SELECT pg_advisory_xact_lock(hashtext('ordermap:intake:' || $1::text))`;

/** Takes the transaction-scoped intake lock of a category (call inside a transaction). */
export async function lockCategory(q: Queryable, category: string): Promise<void> {
  await q.query(LOCK_CATEGORY_SQL, [category]);
}

// Open reports of the category within the radius created since the window began: the dedup
// candidates. The literal status list matches the partial index reports_open_geog_idx.
const DEDUP_CANDIDATES_SQL = `
SELECT r.id, r.status, ST_Distance(r.geom::geography, p.g) AS distance_m, r.created_at
  FROM reports r
  CROSS JOIN (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS g) p
 WHERE r.category = $3
   AND r.status IN ('new', 'acknowledged', 'in_progress')
   AND ST_DWithin(r.geom::geography, p.g, $4)
   AND r.created_at >= $5
 ORDER BY distance_m, r.id
 LIMIT 20`;

/** The open reports a new one at `point` might duplicate. */
export async function findDedupCandidates(
  q: Queryable,
  point: { lon: number; lat: number },
  category: string,
  settings: DedupSettings,
  now: Date,
): Promise<NearbyReport[]> {
  const since = new Date(now.getTime() - settings.dupWindowDays * 86_400_000);
  const { rows } = await q.query<{ id: number; status: NearbyReport['status']; distance_m: number; created_at: Date }>(
    DEDUP_CANDIDATES_SQL,
    [point.lon, point.lat, category, settings.dupRadiusM, since],
  );
  return rows.map((r) => ({ id: r.id, status: r.status, distanceM: r.distance_m, createdAt: new Date(r.created_at) }));
}

const ADD_SUPPORTER_SQL = `
WITH up AS (
  UPDATE reports SET supporters = supporters + $2, updated_at = now() WHERE id = $1
  RETURNING id, supporters
)
INSERT INTO report_events (report_id, actor, kind, from_value, to_value, note)
SELECT id, $3, 'support', (supporters - $2)::text, supporters::text, $4 FROM up`;

/** Adds `n` supporters to a master report and records it in its history. */
export async function addSupporters(q: Queryable, masterId: number, n: number, actor: string, note: string): Promise<void> {
  await q.query(ADD_SUPPORTER_SQL, [masterId, n, actor, note]);
}

const FIND_BY_IDEMPOTENCY_KEY_SQL = `SELECT id FROM reports WHERE idempotency_key = $1`;

/** The report filed earlier with this Idempotency-Key, if any. */
export async function findByIdempotencyKey(q: Queryable, key: string): Promise<number | undefined> {
  const { rows } = await q.query<{ id: number }>(FIND_BY_IDEMPOTENCY_KEY_SQL, [key]);
  return rows[0]?.id;
}
