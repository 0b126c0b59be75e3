import { z } from 'zod';
import { STATUSES, type Status } from './statuses.ts';
import { parseOrThrow } from './validation.ts';

/** Filters shared by planners' analytics and exports. */
export interface ReportFilters {
  from: Date;
  to: Date;
  categories: string[] | null;
  statuses: Status[] | null;
  departments: string[] | null;
  city: string | null;
}

const csv = (name: string, item: z.ZodType<string, string> = z.string().regex(/^[a-z0-9_-]+$/, { error: `${name} values are lower-case codes` })) =>
  z
    .string({ error: `${name} must be a comma-separated list` })
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? null : v.split(',').map((s) => s.trim())))
    .pipe(z.array(item).nullable());

const date = (name: string) =>
  z
    .string({ error: `${name} must be a date` })
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an ISO date such as 2026-01-31 or 2026-01-31T12:00:00Z` });
        return z.NEVER;
      }
      return d;
    });

const schema = z.object({
  from: date('from'),
  to: date('to'),
  category: csv('category'),
  status: csv('status', z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(', ')}` })),
  department: csv('department'),
  city: z.string().regex(/^[a-z0-9-]+$/, { error: 'city is a city code' }).optional(),
});

const YEAR_MS = 365 * 86_400_000;

/** Parses the common filters; the period defaults to the 365 days before `to` (default now). */
export function parseReportFilters(query: Record<string, unknown>, now = new Date()): ReportFilters {
  const q = parseOrThrow(schema.passthrough(), query, 'invalid_filter');
  const to = q.to ?? now;
  const from = q.from ?? new Date(to.getTime() - YEAR_MS);
  if (from >= to) parseOrThrow(z.never({ error: 'from must be before to' }), undefined, 'invalid_filter');
  return {
    from,
    to,
    categories: q.category,
    statuses: q.status as Status[] | null,
    departments: q.department,
    city: q.city ?? null,
  };
}
