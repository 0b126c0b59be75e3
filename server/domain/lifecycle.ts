import type { Status } from './statuses.ts';

/**
 * The report lifecycle: which status may follow which. The whole rule lives in this table.
 *
 * Open work moves forward (new → acknowledged → in_progress → resolved) or ends without a fix
 * (closed_not_fixed, rejected). A finished report may be reopened: it goes back to
 * `acknowledged`, because the department already knows the place. `duplicate` is entered and
 * left only by merging and unmerging, so the master's supporters stay consistent.
 */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  new: ['acknowledged', 'in_progress', 'resolved', 'closed_not_fixed', 'rejected'],
  acknowledged: ['in_progress', 'resolved', 'closed_not_fixed', 'rejected'],
  in_progress: ['acknowledged', 'resolved', 'closed_not_fixed', 'rejected'],
  resolved: ['acknowledged'],
  closed_not_fixed: ['acknowledged'],
  rejected: ['acknowledged'],
  duplicate: [],
};

/** Statuses a report may be merged from (open or just-finished work, never another duplicate). */
export const MERGEABLE: readonly Status[] = ['new', 'acknowledged', 'in_progress'];

/** Statuses that end the work on a report. */
export const FINAL_STATUSES: readonly Status[] = ['resolved', 'closed_not_fixed', 'rejected'];

/** Whether staff may move a report from `from` to `to` by a status change. */
export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Whether moving `from` → `to` reopens a finished report. */
export function isReopening(from: Status, to: Status): boolean {
  return FINAL_STATUSES.includes(from) && !FINAL_STATUSES.includes(to) && to !== 'duplicate';
}

export interface LifecycleTimes {
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/**
 * The SLA timestamps after a report moves to `to` at `now`. The first acknowledgement is kept
 * (time to acknowledge is measured once); `closed_at` marks the end of any final status and
 * `resolved_at` only a fix; reopening clears both, so a later close is measured afresh.
 */
export function timesAfter(from: Status, to: Status, times: LifecycleTimes, now: Date): LifecycleTimes {
  const next = { ...times };
  if (to !== 'new' && to !== 'duplicate' && next.acknowledgedAt === null) next.acknowledgedAt = now;
  if (isReopening(from, to)) {
    next.resolvedAt = null;
    next.closedAt = null;
  }
  if (FINAL_STATUSES.includes(to)) {
    next.closedAt = now;
    next.resolvedAt = to === 'resolved' ? now : null;
  }
  return next;
}
