/** Every report status. */
export const STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'closed_not_fixed', 'rejected', 'duplicate'] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses that still need work: the default filter of the map and the dedup candidates. */
export const OPEN_STATUSES: readonly Status[] = ['new', 'acknowledged', 'in_progress'];

/** Whether `value` names a status. */
export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}
