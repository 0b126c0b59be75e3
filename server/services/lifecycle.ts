import type { Database } from '../db/database.ts';
import { canTransition, isReopening, MERGEABLE, timesAfter, TRANSITIONS } from '../domain/lifecycle.ts';
import { isStatus, type Status } from '../domain/statuses.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import type { Queryable } from '../store/places.ts';
import { lockCategory } from '../store/dedup.ts';
import {
  categoryOf,
  departmentIdByCode,
  masterOf,
  insertEvent,
  lockReport,
  setDepartment,
  setDuplicateOf,
  setStatus,
  setSupporters,
  statusBeforeMerge,
  type ReportState,
} from '../store/lifecycle.ts';

/** Who makes a staff change and why. */
export interface StaffChange {
  actor: string;
  note: string | null;
  now?: Date;
}

const conflict = (code: string, message: string, details: unknown = null) => new HttpError(409, code, message, details);

async function locked(q: Queryable, id: number): Promise<ReportState> {
  const report = await lockReport(q, id);
  if (!report) throw notFound(`No report ${id}`, { id });
  return report;
}

/**
 * Moves a report to another status if the transition table allows it, keeping the SLA timestamps
 * and an event. `alongside` runs in the same transaction with the report locked (e.g. recording
 * the crew's "after" photos), so the change and what goes with it stand or fall together.
 */
export async function changeStatus(
  db: Database,
  id: number,
  to: Status,
  change: StaffChange,
  alongside?: (client: Queryable) => Promise<void>,
): Promise<void> {
  if (to === 'duplicate') throw conflict('use_merge', 'A report becomes a duplicate by merging it: POST /api/staff/reports/:id/merge');
  const now = change.now ?? new Date();
  await db.transaction(async (client) => {
    const report = await locked(client, id);
    if (report.status === 'duplicate') {
      throw conflict('use_unmerge', `Report ${id} is a duplicate of ${report.duplicateOf}; unmerge it first`, { duplicate_of: report.duplicateOf });
    }
    if (!canTransition(report.status, to)) {
      throw conflict('invalid_transition', `A report cannot go from ${report.status} to ${to}`, {
        from: report.status,
        to,
        allowed: TRANSITIONS[report.status],
      });
    }
    const times = timesAfter(report.status, to, report, now);
    await setStatus(client, id, to, times, now);
    const note = change.note ?? (isReopening(report.status, to) ? 'reopened' : null);
    await insertEvent(client, { reportId: id, actor: change.actor, kind: 'status', from: report.status, to, note, at: now });
    await alongside?.(client);
  });
}

/** Merges report `id` into `masterId`: it becomes a duplicate and its supporters (and itself) count for the master. */
export async function mergeReport(db: Database, id: number, masterId: number, change: StaffChange): Promise<void> {
  if (id === masterId) throw badRequest('invalid_merge', 'A report cannot be merged into itself', { id });
  const now = change.now ?? new Date();
  await db.transaction(async (client) => {
    // Intake picks masters under its category lock; taking it here too means a report cannot
    // become a duplicate while a new report is being attached to it. Category lock first, then
    // rows in id order, as intake does, so neither can deadlock the other.
    const category = await categoryOf(client, id);
    if (category === undefined) throw notFound(`No report ${id}`, { id });
    await lockCategory(client, category);
    const [a, b] = id < masterId ? [id, masterId] : [masterId, id];
    const first = await locked(client, a);
    const second = await locked(client, b);
    const [report, master] = a === id ? [first, second] : [second, first];
    if (!MERGEABLE.includes(report.status)) {
      throw conflict('invalid_merge', `Only open reports can be merged; report ${id} is ${report.status}`, { status: report.status });
    }
    if (master.status === 'duplicate') {
      throw conflict('invalid_merge', `Report ${masterId} is itself a duplicate of ${master.duplicateOf}; merge into that one`, {
        duplicate_of: master.duplicateOf,
      });
    }
    await setDuplicateOf(client, id, masterId, 'duplicate', now);
    const gained = 1 + report.supporters;
    await setSupporters(client, masterId, master.supporters + gained, now);
    const note = change.note ? `merged into report ${masterId}: ${change.note}` : `merged into report ${masterId}`;
    await insertEvent(client, { reportId: id, actor: change.actor, kind: 'merge', from: report.status, to: 'duplicate', note, at: now });
    await insertEvent(client, {
      reportId: masterId,
      actor: change.actor,
      kind: 'support',
      from: String(master.supporters),
      to: String(master.supporters + gained),
      note: `report ${id} merged in`,
      at: now,
    });
  });
}

/** Undoes a merge (by staff or by automatic deduplication): the report gets back its status and the master loses its supporters. */
export async function unmergeReport(db: Database, id: number, change: StaffChange): Promise<void> {
  const now = change.now ?? new Date();
  await db.transaction(async (client) => {
    const masterId = await masterOf(client, id);
    // Lock in id order, as mergeReport does, then check nothing changed in between.
    const ids = masterId === null ? [id] : [Math.min(id, masterId), Math.max(id, masterId)];
    const states = new Map<number, ReportState>();
    for (const i of ids) {
      const state = await lockReport(client, i);
      if (state) states.set(i, state);
    }
    const report = states.get(id);
    if (!report) throw notFound(`No report ${id}`, { id });
    if (report.status !== 'duplicate') throw conflict('invalid_unmerge', `Report ${id} is not a duplicate (it is ${report.status})`, { status: report.status });
    if (report.duplicateOf !== masterId) throw conflict('concurrent_change', `Report ${id} changed meanwhile; try again`, null);
    const masterState = masterId === null ? undefined : states.get(masterId);
    const before = await statusBeforeMerge(client, id);
    const restored: Status = before && isStatus(before) && MERGEABLE.includes(before) ? before : 'new';
    await setDuplicateOf(client, id, null, restored, now);
    const note = change.note ? `separated from report ${masterId}: ${change.note}` : `separated from report ${masterId}`;
    await insertEvent(client, { reportId: id, actor: change.actor, kind: 'unmerge', from: 'duplicate', to: restored, note, at: now });
    if (masterState) {
      const left = Math.max(0, masterState.supporters - 1 - report.supporters);
      await setSupporters(client, masterState.id, left, now);
      await insertEvent(client, {
        reportId: masterState.id,
        actor: change.actor,
        kind: 'support',
        from: String(masterState.supporters),
        to: String(left),
        note: `report ${id} separated`,
        at: now,
      });
    }
  });
}

/** Hands a report to another department by hand, with an event. */
export async function changeDepartment(db: Database, id: number, departmentCode: string, change: StaffChange): Promise<void> {
  const now = change.now ?? new Date();
  await db.transaction(async (client) => {
    const departmentId = await departmentIdByCode(client, departmentCode);
    if (departmentId === undefined) throw badRequest('unknown_department', `Unknown department "${departmentCode}"`, { department: departmentCode });
    const report = await locked(client, id);
    if (report.departmentId === departmentId) return;
    await setDepartment(client, id, departmentId, now);
    // The public history says who owns the report now; why is an internal matter.
    await insertEvent(client, { reportId: id, actor: change.actor, kind: 'department', from: report.departmentCode, to: departmentCode, note: null, at: now });
    if (change.note) await insertEvent(client, { reportId: id, actor: change.actor, kind: 'note', from: null, to: null, note: change.note, at: now, isPublic: false });
  });
}
