import { OPEN_STATUSES, type Status } from './statuses.ts';

/**
 * Deduplication: whether a new report repeats an open one nearby. The whole rule lives here.
 *
 * A new report duplicates the nearest open report of the same category that lies within the
 * category's duplicate radius (true metres) and was created within its duplicate window.
 * A resident who says `not_duplicate` files separately.
 */

/** The settings of one category that dedup and the nearby list use. */
export interface DedupSettings {
  dupRadiusM: number;
  dupWindowDays: number;
  suggestRadiusM: number;
}

/** An existing report near the new one, as the store finds it. */
export interface NearbyReport {
  id: number;
  status: Status;
  distanceM: number;
  createdAt: Date;
}

const DAY_MS = 86_400_000;

/** The report the new one duplicates, or undefined to file it as a new report. */
export function findMaster(
  nearby: readonly NearbyReport[],
  settings: DedupSettings,
  now: Date,
  notDuplicate = false,
): NearbyReport | undefined {
  if (notDuplicate) return undefined;
  const since = now.getTime() - settings.dupWindowDays * DAY_MS;
  let best: NearbyReport | undefined;
  for (const r of nearby) {
    if (!OPEN_STATUSES.includes(r.status)) continue;
    if (r.distanceM > settings.dupRadiusM || r.createdAt.getTime() < since) continue;
    if (!best || r.distanceM < best.distanceM || (r.distanceM === best.distanceM && r.id < best.id)) best = r;
  }
  return best;
}
