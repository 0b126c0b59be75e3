import type { Status } from '../domain/statuses.ts';
import type { Queryable } from './places.ts';

/** What a staff change needs to know of a report, read under a row lock. */
export interface ReportState {
  id: number;
  status: Status;
  duplicateOf: number | null;
  supporters: number;
  departmentId: number;
  departmentCode: string;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

const LOCK_REPORT_SQL = `
SELECT r.id, r.status, r.duplicate_of, r.supporters, r.department_id, d.code AS department_code,
       r.acknowledged_at, r.resolved_at, r.closed_at
  FROM reports r JOIN departments d ON d.id = r.department_id
 WHERE r.id = $1
   FOR UPDATE OF r`;

/** Reads and row-locks a report for a change (inside a transaction), or undefined. */
export async function lockReport(q: Queryable, id: number): Promise<ReportState | undefined> {
  const { rows } = await q.query(LOCK_REPORT_SQL, [id]);
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id,
    status: r.status,
    duplicateOf: r.duplicate_of,
    supporters: r.supporters,
    departmentId: r.department_id,
    departmentCode: r.department_code,
    acknowledgedAt: r.acknowledged_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
  };
}

const SET_STATUS_SQL = `
UPDATE reports SET status = $2, acknowledged_at = $3, resolved_at = $4, closed_at = $5, updated_at = $6 WHERE id = $1`;

/** Stores a report's new status and SLA timestamps. */
export async function setStatus(
  q: Queryable,
  id: number,
  status: Status,
  times: { acknowledgedAt: Date | null; resolvedAt: Date | null; closedAt: Date | null },
  now: Date,
): Promise<void> {
  await q.query(SET_STATUS_SQL, [id, status, times.acknowledgedAt, times.resolvedAt, times.closedAt, now]);
}

const SET_DUPLICATE_SQL = `UPDATE reports SET status = $2, duplicate_of = $3, updated_at = $4 WHERE id = $1`;

/** Marks a report as a duplicate of `masterId`, or (masterId null) restores `status`. */
export async function setDuplicateOf(q: Queryable, id: number, masterId: number | null, status: Status, now: Date): Promise<void> {
  await q.query(SET_DUPLICATE_SQL, [id, status, masterId, now]);
}

const SET_SUPPORTERS_SQL = `UPDATE reports SET supporters = $2, updated_at = $3 WHERE id = $1`;

/** Sets a master report's supporters count. */
export async function setSupporters(q: Queryable, id: number, supporters: number, now: Date): Promise<void> {
  await q.query(SET_SUPPORTERS_SQL, [id, supporters, now]);
}

const SET_DEPARTMENT_SQL = `
UPDATE reports SET department_id = $2, area_id = NULL, needs_triage = false, updated_at = $3 WHERE id = $1`;

/** Assigns a report to a department by hand (no area chose it). */
export async function setDepartment(q: Queryable, id: number, departmentId: number, now: Date): Promise<void> {
  await q.query(SET_DEPARTMENT_SQL, [id, departmentId, now]);
}

const DEPARTMENT_BY_CODE_SQL = `SELECT id FROM departments WHERE code = $1`;

/** A department's id by its code, or undefined. */
export async function departmentIdByCode(q: Queryable, code: string): Promise<number | undefined> {
  const { rows } = await q.query<{ id: number }>(DEPARTMENT_BY_CODE_SQL, [code]);
  return rows[0]?.id;
}

export interface NewEvent {
  reportId: number;
  actor: string;
  kind: 'status' | 'department' | 'merge' | 'unmerge' | 'support' | 'moderation' | 'note';
  from: string | null;
  to: string | null;
  note: string | null;
  at: Date;
  /** Staff-only events (internal notes) are left out of the public history. Default: public. */
  isPublic?: boolean;
}

const INSERT_EVENT_SQL = `
INSERT INTO report_events (report_id, at, actor, kind, from_value, to_value, note, is_public) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

/** Appends one event to a report's history. */
export async function insertEvent(q: Queryable, e: NewEvent): Promise<void> {
  await q.query(INSERT_EVENT_SQL, [e.reportId, e.at, e.actor, e.kind, e.from, e.to, e.note, e.isPublic ?? true]);
}

const LAST_MERGE_SQL = `
SELECT from_value FROM report_events WHERE report_id = $1 AND kind = 'merge' ORDER BY at DESC, id DESC LIMIT 1`;

/** The status a report had before its last merge, or undefined if it was never merged by staff. */
export async function statusBeforeMerge(q: Queryable, id: number): Promise<string | undefined> {
  const { rows } = await q.query<{ from_value: string | null }>(LAST_MERGE_SQL, [id]);
  return rows[0]?.from_value ?? undefined;
}

const MASTER_OF_SQL = `SELECT duplicate_of FROM reports WHERE id = $1`;

/** The master a report is a duplicate of (read without a lock), or null. */
export async function masterOf(q: Queryable, id: number): Promise<number | null> {
  const { rows } = await q.query<{ duplicate_of: number | null }>(MASTER_OF_SQL, [id]);
  return rows[0]?.duplicate_of ?? null;
}

const CATEGORY_OF_SQL = `SELECT category FROM reports WHERE id = $1`;

/** A report's category (it never changes, so no lock is needed), or undefined. */
export async function categoryOf(q: Queryable, id: number): Promise<string | undefined> {
  const { rows } = await q.query<{ category: string }>(CATEGORY_OF_SQL, [id]);
  return rows[0]?.category;
}
