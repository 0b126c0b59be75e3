import { describe, expect, it } from 'vitest';
import { canTransition, isReopening, timesAfter, TRANSITIONS } from '../../server/domain/lifecycle.ts';
import { STATUSES } from '../../server/domain/statuses.ts';

const t0 = new Date('2026-03-01T08:00:00Z');
const t1 = new Date('2026-03-02T08:00:00Z');
const t2 = new Date('2026-03-05T08:00:00Z');
const none = { acknowledgedAt: null, resolvedAt: null, closedAt: null };

describe('the lifecycle transition table', () => {
  it('has a row for every status and only names real statuses', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...STATUSES].sort());
    for (const targets of Object.values(TRANSITIONS)) for (const s of targets) expect(STATUSES).toContain(s);
  });

  it('lets open work move forward and end, and never go back to new', () => {
    expect(canTransition('new', 'acknowledged')).toBe(true);
    expect(canTransition('acknowledged', 'resolved')).toBe(true);
    expect(canTransition('in_progress', 'closed_not_fixed')).toBe(true);
    for (const s of STATUSES) expect(canTransition(s, 'new')).toBe(false);
  });

  it('reopens finished reports only to acknowledged', () => {
    for (const s of ['resolved', 'closed_not_fixed', 'rejected'] as const) {
      expect(TRANSITIONS[s]).toEqual(['acknowledged']);
      expect(isReopening(s, 'acknowledged')).toBe(true);
    }
    expect(isReopening('in_progress', 'acknowledged')).toBe(false);
  });

  it('leaves duplicate to merging and unmerging', () => {
    expect(TRANSITIONS.duplicate).toEqual([]);
    for (const s of STATUSES) expect(canTransition(s, 'duplicate')).toBe(false);
  });
});

describe('SLA timestamps', () => {
  it('stamps the first acknowledgement once', () => {
    const ack = timesAfter('new', 'acknowledged', none, t0);
    expect(ack.acknowledgedAt).toBe(t0);
    expect(timesAfter('acknowledged', 'in_progress', ack, t1).acknowledgedAt).toBe(t0);
  });

  it('counts going straight to in progress or resolved as acknowledged', () => {
    expect(timesAfter('new', 'in_progress', none, t0).acknowledgedAt).toBe(t0);
    expect(timesAfter('new', 'resolved', none, t0)).toEqual({ acknowledgedAt: t0, resolvedAt: t0, closedAt: t0 });
  });

  it('closes without resolving for closed_not_fixed and rejected', () => {
    expect(timesAfter('new', 'rejected', none, t1)).toEqual({ acknowledgedAt: t1, resolvedAt: null, closedAt: t1 });
    expect(timesAfter('in_progress', 'closed_not_fixed', { ...none, acknowledgedAt: t0 }, t1)).toEqual({
      acknowledgedAt: t0,
      resolvedAt: null,
      closedAt: t1,
    });
  });

  it('clears the close on reopening and measures the next one afresh', () => {
    const resolved = { acknowledgedAt: t0, resolvedAt: t1, closedAt: t1 };
    const reopened = timesAfter('resolved', 'acknowledged', resolved, t1);
    expect(reopened).toEqual({ acknowledgedAt: t0, resolvedAt: null, closedAt: null });
    expect(timesAfter('acknowledged', 'resolved', reopened, t2)).toEqual({ acknowledgedAt: t0, resolvedAt: t2, closedAt: t2 });
  });
});
