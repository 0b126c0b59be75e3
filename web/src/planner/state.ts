/** The planner dashboard's state: what the address asks for, and the API filters it means. Pure. */
import type { AnalyticsFilters, Interval } from '../api.ts';

export const CELL_SIZES = [250, 500, 1000, 2000] as const;
export const STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'closed_not_fixed', 'rejected', 'duplicate'] as const;
export type LayerChoice = 'hotspots' | 'hexbins' | 'both';

/** The dashboard's state, read from and written to the address's query. */
export interface DashboardState {
  from: string;
  to: string;
  category: string;
  status: string;
  department: string;
  cell: number;
  layer: LayerChoice;
  interval: Interval;
  byCategory: boolean;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The state an address asks for, with defaults (the last 365 days, 500 m cells, hot spots, weeks). */
export function readState(search: string, today = new Date()): DashboardState {
  const q = new URLSearchParams(search);
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  const cell = Number(q.get('cell'));
  const layer = q.get('layer');
  const interval = q.get('interval');
  return {
    from: day(q.get('from')) ?? isoDay(new Date(today.getTime() - 365 * 86_400_000)),
    to: day(q.get('to')) ?? isoDay(today),
    category: q.get('category') ?? '',
    status: q.get('status') ?? '',
    department: q.get('department') ?? '',
    cell: (CELL_SIZES as readonly number[]).includes(cell) ? cell : 500,
    layer: layer === 'hexbins' || layer === 'both' ? layer : 'hotspots',
    interval: interval === 'day' || interval === 'month' ? interval : 'week',
    byCategory: q.get('by') !== 'total',
  };
}

/** The API filters for a state. The "to" day is inclusive, so the API gets the next midnight. */
export function filtersOf(s: DashboardState): AnalyticsFilters {
  const to = new Date(`${s.to}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() + 1);
  return { from: s.from, to: isoDay(to), category: s.category, status: s.status, department: s.department };
}

/** `search` with the state written into it (defaults and other parameters such as lang kept). */
export function writeQuery(s: DashboardState, search: string): string {
  const q = new URLSearchParams(search);
  const set = (k: string, v: string) => (v ? q.set(k, v) : q.delete(k));
  set('from', s.from);
  set('to', s.to);
  set('category', s.category);
  set('status', s.status);
  set('department', s.department);
  set('cell', String(s.cell));
  set('layer', s.layer);
  set('interval', s.interval);
  set('by', s.byCategory ? '' : 'total');
  return q.toString();
}
