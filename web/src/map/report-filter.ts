/**
 * Which reports a map shows: statuses and a category, as the query of the report tiles
 * (`?status=a,b&category=c`). Pure, so every layer built on report tiles (points now, clusters
 * later) and the page's address can share it.
 */

/** Statuses a resident may ask the map for, in lifecycle order. */
export const FILTER_STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'closed_not_fixed', 'rejected'] as const;

/** What the server's tiles hold when no status is asked for: open reports. */
export const OPEN_STATUSES: readonly string[] = ['new', 'acknowledged', 'in_progress'];

export interface ReportFilter {
  /** Statuses to show; never empty. */
  statuses: string[];
  /** One category code, or null for all. */
  category: string | null;
}

export const DEFAULT_FILTER: ReportFilter = { statuses: [...OPEN_STATUSES], category: null };

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The tile query for `filter`: parameters the server's defaults already mean are left out. */
export function reportFilterParams(filter: ReportFilter): Record<string, string> {
  const params: Record<string, string> = {};
  const statuses = FILTER_STATUSES.filter((s) => filter.statuses.includes(s));
  if (statuses.length > 0 && !sameSet(statuses, OPEN_STATUSES)) params.status = statuses.join(',');
  if (filter.category) params.category = filter.category;
  return params;
}

/** The filter an address asks for (`?status=…&category=…`); unknown statuses are dropped. */
export function readReportFilter(search: string, categories: readonly string[]): ReportFilter {
  const q = new URLSearchParams(search);
  const statuses = (q.get('status') ?? '').split(',').filter((s) => (FILTER_STATUSES as readonly string[]).includes(s));
  const category = q.get('category');
  return {
    statuses: statuses.length > 0 ? statuses : [...OPEN_STATUSES],
    category: category && categories.includes(category) ? category : null,
  };
}

/** `search` with the filter's parameters written in (others, like `lang`, kept). */
export function writeReportFilter(search: string, filter: ReportFilter): string {
  const q = new URLSearchParams(search);
  q.delete('status');
  q.delete('category');
  for (const [k, v] of Object.entries(reportFilterParams(filter))) q.set(k, v);
  const out = q.toString();
  return out ? `?${out}` : '';
}
