/** Turns the time-series API's rows into the aligned columns a chart draws. Pure. */
import type { SeriesRow } from '../api.ts';

export interface ChartColumns {
  /** Period starts as UTC midnight, in seconds (uPlot's x values). */
  x: number[];
  /** The periods as the API named them (YYYY-MM-DD). */
  periods: string[];
  /** One line per category (most reports first), or one "total" line. */
  lines: Array<{ key: string; values: number[] }>;
}

/** Distinct colours for category lines, each at least 3:1 against white. */
export const LINE_COLOURS = ['#0b5cad', '#c2410c', '#2b8a3e', '#7048e8', '#b3261e', '#0f766e', '#a61e4d', '#5c5f66'];

/** The largest number of category lines drawn; the rest are summed into "other". */
export const MAX_LINES = 6;

/**
 * Aligns rows on their periods (missing ones count 0). With `byCategory` the busiest categories
 * get a line each and the rest one `__other` line; otherwise one `__total` line.
 */
export function chartColumns(rows: readonly SeriesRow[], byCategory: boolean, maxLines = MAX_LINES): ChartColumns {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const x = periods.map((p) => Date.parse(`${p.slice(0, 10)}T00:00:00Z`) / 1000);
  if (!byCategory) {
    const values = periods.map(() => 0);
    for (const r of rows) values[index.get(r.period)!]! += r.n;
    return { x, periods, lines: [{ key: '__total', values }] };
  }
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.category, (totals.get(r.category) ?? 0) + r.n);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  const shown = ranked.length > maxLines ? ranked.slice(0, maxLines - 1) : ranked;
  const lineOf = new Map(shown.map((c, i) => [c, i]));
  const lines = shown.map((key) => ({ key, values: periods.map(() => 0) }));
  if (shown.length < ranked.length) lines.push({ key: '__other', values: periods.map(() => 0) });
  for (const r of rows) {
    const line = lines[lineOf.get(r.category) ?? lines.length - 1]!;
    line.values[index.get(r.period)!]! += r.n;
  }
  return { x, periods, lines };
}

/** Total and busiest period, for the chart's text summary. */
export function seriesSummary(columns: ChartColumns): { total: number; peak: { period: string; n: number } | null } {
  const sums = columns.periods.map((_, i) => columns.lines.reduce((s, l) => s + l.values[i]!, 0));
  const total = sums.reduce((a, b) => a + b, 0);
  let best = -1;
  sums.forEach((n, i) => {
    if (best < 0 || n > sums[best]!) best = i;
  });
  return { total, peak: best < 0 ? null : { period: columns.periods[best]!, n: sums[best]! } };
}
