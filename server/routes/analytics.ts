import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { Router } from 'express';
import { z } from 'zod';
import { requireStaff } from '../auth/middleware.ts';
import type { Database } from '../db/database.ts';
import { canSeePersonalData } from '../domain/permissions.ts';
import { parseReportFilters } from '../domain/report-filters.ts';
import { numeric, parseOrThrow } from '../domain/validation.ts';
import { hexbins, hotspots, resolveFilters } from '../services/analytics.ts';
import { departmentFigures, timeseries } from '../store/analytics.ts';
import { streamReports, type ExportRow } from '../store/exports.ts';

const cellSchema = z.object({
  cell: numeric('cell').pipe(z.number().int({ error: 'cell must be whole metres' }).min(100, { error: 'cell must be 100–5000 m' }).max(5000, { error: 'cell must be 100–5000 m' })).default(500),
  rings: numeric('rings').pipe(z.number().int().min(1, { error: 'rings must be 1–3' }).max(3, { error: 'rings must be 1–3' })).default(1),
});

const seriesSchema = z.object({
  interval: z.enum(['day', 'week', 'month'], { error: 'interval must be day, week or month' }).default('day'),
  tz: z
    .string()
    .optional()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, { error: 'tz must be an IANA time zone such as Europe/Warsaw' }),
});

const pick = (q: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => q[k] !== undefined && q[k] !== '').map((k) => [k, q[k]]));

/** Planners' analytics and exports (planners and admins). */
export function analyticsRouter(db: Database): Router {
  const router = Router();
  const planners = requireStaff('planner', 'admin');

  router.get('/api/analytics/hexbins', planners, async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const { cell } = parseOrThrow(cellSchema, pick(q, ['cell']), 'invalid_filter');
    const f = await resolveFilters(db, parseReportFilters(q));
    res.json(await hexbins(db, f, cell));
  });

  router.get('/api/analytics/hotspots', planners, async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const { cell, rings } = parseOrThrow(cellSchema, pick(q, ['cell', 'rings']), 'invalid_filter');
    const f = await resolveFilters(db, parseReportFilters(q));
    res.json(await hotspots(db, f, cell, rings));
  });

  router.get('/api/analytics/timeseries', planners, async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const series = parseOrThrow(seriesSchema, pick(q, ['interval', 'tz']), 'invalid_filter');
    const f = await resolveFilters(db, parseReportFilters(q));
    // Days are the city's local days unless another time zone is asked for.
    const tz = series.tz ?? f.cityInfo.timezone;
    const interval = series.interval;
    const rows = await timeseries(db, f, interval, tz, f.cityInfo.timezone);
    res.json({ interval, tz, from: f.from, to: f.to, series: rows });
  });

  router.get('/api/analytics/departments', planners, async (req, res) => {
    const f = await resolveFilters(db, parseReportFilters(req.query as Record<string, unknown>));
    const rows = await departmentFigures(db, f);
    res.json({
      from: f.from,
      to: f.to,
      departments: rows.map((r) => ({ ...r, closed_not_fixed_share: r.closed > 0 ? r.closed_not_fixed / r.closed : null })),
    });
  });

  router.get(/^\/api\/exports\/reports\.(csv|geojson)$/, planners, async (req, res) => {
    const format = req.path.endsWith('.csv') ? 'csv' : 'geojson';
    const f = await resolveFilters(db, parseReportFilters(req.query as Record<string, unknown>));
    const personal = canSeePersonalData(req.staff!);
    const client = await db.pool.connect();
    try {
      const stream = streamReports(client, f, personal);
      res.set('Cache-Control', 'no-store');
      res.attachment(`reports.${format}`);
      res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json');
      await pipeline(stream, format === 'csv' ? toCsv(personal) : toGeoJson(), res);
    } finally {
      client.release();
    }
  });

  return router;
}

const CSV_COLUMNS: Array<keyof ExportRow> = [
  'id', 'ref', 'category', 'status', 'department', 'district', 'lon', 'lat', 'supporters', 'duplicate_of',
  'description', 'created_at', 'acknowledged_at', 'resolved_at', 'closed_at',
];

/** One CSV field: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(personal: boolean): Transform {
  const columns = personal ? [...CSV_COLUMNS, 'contact_email', 'contact_phone' as const] : CSV_COLUMNS;
  let first = true;
  return new Transform({
    writableObjectMode: true,
    transform(row: ExportRow, _enc, done) {
      const head = first ? `${columns.join(',')}\r\n` : '';
      first = false;
      done(null, head + columns.map((c) => csvField(row[c as keyof ExportRow])).join(',') + '\r\n');
    },
    flush(done) {
      done(null, first ? `${columns.join(',')}\r\n` : '');
    },
  });
}

function toGeoJson(): Transform {
  let first = true;
  return new Transform({
    writableObjectMode: true,
    transform(row: ExportRow, _enc, done) {
      const { lon, lat, ...properties } = row;
      if (properties.contact_email === null || properties.contact_email === undefined) delete properties.contact_email;
      if (properties.contact_phone === null || properties.contact_phone === undefined) delete properties.contact_phone;
      const feature = JSON.stringify({ type: 'Feature', id: row.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties });
      done(null, (first ? '{"type":"FeatureCollection","features":[\n' : ',\n') + feature);
      first = false;
    },
    flush(done) {
      done(null, first ? '{"type":"FeatureCollection","features":[]}\n' : '\n]}\n');
    },
  });
}
