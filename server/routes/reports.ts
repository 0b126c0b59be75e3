import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { newReportSchema } from '../domain/report-input.ts';
import { isStatus, OPEN_STATUSES, type Status } from '../domain/statuses.ts';
import { parseBBox, parseOrThrow } from '../domain/validation.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { fileReport } from '../services/intake.ts';
import { getPublicEvents, getPublicReport, getPublicReportByRef, listPublicInBBox, type PublicReport } from '../store/reports.ts';

const MAX_LIST = 5000;

/** Residents' report endpoints: file, read one, list a box as GeoJSON. */
export function reportsRouter(db: Database): Router {
  const router = Router();

  router.post('/api/reports', async (req, res) => {
    if (!req.is('application/json')) {
      throw new HttpError(415, 'unsupported_media_type', 'Send the report as application/json', {
        content_type: req.get('content-type') ?? null,
      });
    }
    const input = parseOrThrow(newReportSchema, req.body);
    const report = await fileReport(db, {
      category: input.category,
      lat: input.lat,
      lon: input.lon,
      description: input.description,
      contactEmail: input.contact_email ?? null,
      contactPhone: input.contact_phone ?? null,
    });
    res.status(201).location(`/api/reports/${report.id}`).json(report);
  });

  router.get('/api/reports', async (req, res) => {
    const bbox = parseBBox(req.query.bbox);
    const statuses = parseStatuses(req.query.status);
    const categories = typeof req.query.category === 'string' && req.query.category !== '' ? req.query.category.split(',') : null;
    const limit = parseOrThrow(
      z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(MAX_LIST).default(1000),
      req.query.limit === '' ? undefined : req.query.limit,
      'invalid_limit',
    );
    const reports = await listPublicInBBox(db, { bbox, statuses, categories, limit });
    res.set('Cache-Control', 'public, max-age=5');
    res.json({ type: 'FeatureCollection', features: reports.map(toFeature) });
  });

  router.get('/api/reports/:id', async (req, res) => {
    const key = req.params.id;
    let report: PublicReport | undefined;
    if (/^[0-9]{1,15}$/.test(key)) report = await getPublicReport(db, Number(key));
    else if (/^[A-Z]{2,4}-[0-9]{4}-[0-9]{6,15}$/.test(key)) report = await getPublicReportByRef(db, key);
    else throw badRequest('invalid_id', 'A report is addressed by its numeric id or its reference (e.g. GD-2026-000123)', { id: key });
    if (!report) throw notFound(`No report ${key}`, { id: key });
    res.set('Cache-Control', 'no-cache');
    res.json({ ...report, history: await getPublicEvents(db, report.id) });
  });

  return router;
}

function parseStatuses(value: unknown): Status[] {
  if (value === undefined || value === '') return [...OPEN_STATUSES];
  if (typeof value !== 'string') throw badRequest('invalid_filter', 'status must be a comma-separated list', { status: value });
  const list = value.split(',').map((s) => s.trim());
  const unknown = list.filter((s) => !isStatus(s));
  if (unknown.length) throw badRequest('invalid_filter', `Unknown status: ${unknown.join(', ')}`, { status: unknown });
  return list as Status[];
}

function toFeature(r: PublicReport) {
  const { lat, lon, ...properties } = r;
  return { type: 'Feature', id: r.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
}
