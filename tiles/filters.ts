import { OPEN_STATUSES, isStatus, type Status } from '../server/domain/statuses.ts';

/**
 * The report filters shared by the `reports` and `clusters` tile layers and `/api/clusters`:
 * parsing and validation are pure; the known categories and departments come from the database.
 */

/** What a resident can filter the map by. */
export interface ReportFilters {
  /** Statuses shown; default the open ones. */
  status: Status[];
  /** Category codes, or null for every category. */
  category: string[] | null;
  /** Department codes, or null for every department. */
  department: string[] | null;
  /** Reports created at or after this instant. */
  since: Date | null;
  /** Reports created before this instant (a bare date includes that whole day). */
  until: Date | null;
}

/** The codes a filter may name, as stored in the database. */
export interface FilterVocabulary {
  categories: readonly string[];
  /** Department code → id. */
  departments: ReadonlyMap<string, number>;
}

/** Raised for a filter value the map does not know; becomes a 400. */
export class FilterError extends Error {
  constructor(
    message: string,
    public readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function list(value: unknown, name: string): string[] | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw new FilterError(`${name} must be a comma-separated list`, { [name]: value });
  const items = [...new Set(value.split(',').map((v) => v.trim()).filter(Boolean))].sort();
  return items.length > 0 ? items : null;
}

function instant(value: unknown, name: 'since' | 'until'): Date | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !(DATE.test(value) || DATE_TIME.test(value))) {
    throw new FilterError(`${name} must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a zone`, { [name]: value ?? null });
  }
  const d = new Date(DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime()) || !realDay(value.slice(0, 10))) throw new FilterError(`${name} is not a real date: ${value}`, { [name]: value });
  // "until=2026-03-31" means up to the end of that day, as a resident reading a calendar expects.
  if (name === 'until' && DATE.test(value)) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** Whether YYYY-MM-DD names a day that exists (Date would roll 2026-02-30 over to March). */
function realDay(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Parses and validates the filter query parameters; throws FilterError naming every unknown value. */
export function parseReportFilters(query: Record<string, unknown>, vocab: FilterVocabulary): ReportFilters {
  const status = list(query.status, 'status') ?? [...OPEN_STATUSES].sort();
  const badStatus = status.filter((s) => !isStatus(s));
  if (badStatus.length > 0) throw new FilterError(`Unknown status: ${badStatus.join(', ')}`, { status: badStatus });
  const category = list(query.category, 'category');
  const badCategory = (category ?? []).filter((c) => !vocab.categories.includes(c));
  if (badCategory.length > 0) throw new FilterError(`Unknown category: ${badCategory.join(', ')}`, { category: badCategory });
  const department = list(query.department, 'department');
  const badDepartment = (department ?? []).filter((d) => !vocab.departments.has(d));
  if (badDepartment.length > 0) {
    throw new FilterError(`Unknown department: ${badDepartment.join(', ')}`, { department: badDepartment });
  }
  const since = instant(query.since, 'since');
  const until = instant(query.until, 'until');
  if (since && until && since >= until) {
    throw new FilterError('since must be before until', { since: query.since, until: query.until });
  }
  return { status: status as Status[], category, department, since, until };
}

/** A canonical string for a filter: equal filters give equal keys (the cluster index cache key). */
export function filterKey(f: ReportFilters): string {
  return [
    [...f.status].sort().join(','),
    f.category ? [...f.category].sort().join(',') : '*',
    f.department ? [...f.department].sort().join(',') : '*',
    f.since?.toISOString() ?? '',
    f.until?.toISOString() ?? '',
  ].join('|');
}

/** The default map filter: open reports of every category and department. */
export function defaultFilters(): ReportFilters {
  return { status: [...OPEN_STATUSES].sort() as Status[], category: null, department: null, since: null, until: null };
}

/** SQL conditions over a reports alias `t`; values are appended as $n parameters. */
export function reportFilterSql(f: ReportFilters, values: unknown[]): string[] {
  values.push(f.status);
  const out = [`t.status = ANY($${values.length}::text[])`];
  if (f.status.every((s) => OPEN_STATUSES.includes(s))) {
    // Code constants, not input: lets the planner use the partial index of open reports (migration 021).
    out.push(`t.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`);
  }
  if (f.category) {
    values.push(f.category);
    out.push(`t.category = ANY($${values.length}::text[])`);
  }
  if (f.department) {
    values.push(f.department);
    out.push(`t.department_id IN (SELECT id FROM departments WHERE code = ANY($${values.length}::text[]))`);
  }
  if (f.since) {
    values.push(f.since);
    out.push(`t.created_at >= $${values.length}`);
  }
  if (f.until) {
    values.push(f.until);
    out.push(`t.created_at < $${values.length}`);
  }
  return out;
}
