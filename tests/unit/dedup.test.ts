import { describe, expect, it } from 'vitest';
import { findMaster, type NearbyReport } from '../../server/domain/dedup.ts';

const now = new Date('2026-06-30T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const pothole = { dupRadiusM: 30, dupWindowDays: 30, suggestRadiusM: 250 };
const report = (id: number, distanceM: number, over: Partial<NearbyReport> = {}): NearbyReport => ({
  id,
  status: 'new',
  distanceM,
  createdAt: daysAgo(1),
  ...over,
});

describe('finding the report a new one duplicates', () => {
  it('picks the nearest open report inside the radius', () => {
    expect(findMaster([report(1, 25), report(2, 12), report(3, 40)], pothole, now)?.id).toBe(2);
  });

  it('includes the radius itself and nothing beyond it', () => {
    expect(findMaster([report(1, 30)], pothole, now)?.id).toBe(1);
    expect(findMaster([report(1, 30.01)], pothole, now)).toBeUndefined();
  });

  it('ignores reports older than the window and reports no longer open', () => {
    expect(findMaster([report(1, 5, { createdAt: daysAgo(31) })], pothole, now)).toBeUndefined();
    expect(findMaster([report(1, 5, { createdAt: daysAgo(29.9) })], pothole, now)?.id).toBe(1);
    for (const status of ['resolved', 'closed_not_fixed', 'rejected', 'duplicate'] as const) {
      expect(findMaster([report(1, 5, { status })], pothole, now)).toBeUndefined();
    }
    expect(findMaster([report(1, 5, { status: 'in_progress' })], pothole, now)?.id).toBe(1);
  });

  it('breaks a tie in distance by the older (lower) id, so the choice is stable', () => {
    expect(findMaster([report(9, 10), report(4, 10)], pothole, now)?.id).toBe(4);
  });

  it('files separately when the resident says it is not a duplicate', () => {
    expect(findMaster([report(1, 1)], pothole, now, true)).toBeUndefined();
  });
});
