import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { Config } from '../config.ts';
import { idempotencyKeySchema, multipartReportSchema, newReportSchema } from '../domain/report-input.ts';
import { processPhoto, type ProcessedPhoto } from '../media/photos.ts';
import { mediaDir } from '../media/store.ts';
import { parsePhotoUpload } from '../media/upload.ts';
import { getCategorySettings } from '../store/dedup.ts';
import { listPublicPhotos } from '../store/photos.ts';
import { isStatus, OPEN_STATUSES, type Status } from '../domain/statuses.ts';
import { numeric, parseBBox, parseOrThrow } from '../domain/validation.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { reportsChanged } from '../report-changes.ts';
import { fileReport } from '../services/intake.ts';
import {
  getPublicEvents,
  getPublicReport,
  getPublicReportByRef,
  listNearbyPublic,
  listPublicInBBox,
  type PublicReport,
} from '../store/reports.ts';

const MAX_LIST = 5000;
const MAX_NEARBY = 10;

const nearbyQuerySchema = z.object({
  lat: numeric('lat').pipe(z.number().min(-90, { error: 'lat must be between -90 and 90' }).max(90, { error: 'lat must be between -90 and 90' })),
  lon: numeric('lon').pipe(z.number().min(-180, { error: 'lon must be between -180 and 180' }).max(180, { error: 'lon must be between -180 and 180' })),
  category: z.string({ error: 'category is required' }).trim().min(1, { error: 'category is required' }).max(64),
});

/** Residents' report endpoints: file (JSON or with photos), nearby open reports, read one, list a box as GeoJSON. */
export function reportsRouter(db: Database, config: Config): Router {
  const router = Router();

  router.post('/api/reports', async (req, res, next) => {
    // Multipart carries photos; parse it here so a refused upload never reaches the database.
    if (req.is('multipart/form-data')) return parsePhotoUpload(req, res, next);
    next();
  }, async (req, res) => {
    const multipart = Boolean(req.is('multipart/form-data'));
    if (!multipart && !req.is('application/json')) {
      throw new HttpError(415, 'unsupported_media_type', 'Send the report as application/json, or as multipart/form-data with photos', {
        content_type: req.get('content-type') ?? null,
      });
    }
    const idempotencyKey = req.get('idempotency-key') === undefined
      ? null
      : parseOrThrow(idempotencyKeySchema, req.get('idempotency-key'), 'invalid_idempotency_key');
    const input = parseOrThrow(multipart ? multipartReportSchema : newReportSchema, { ...req.body });
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    // Every photo is decoded and cleaned before anything is stored: one bad file refuses the report.
    const photos: ProcessedPhoto[] = [];
    for (const f of files) photos.push(await processPhoto(f.originalname, f.buffer));
    let position = input.lat !== undefined && input.lon !== undefined ? { lat: input.lat, lon: input.lon } : null;
    if (!position && photos.length) {
      position = photos[0]!.gps;
      if (!position) {
        throw badRequest('location_required', `Send lat and lon: the first photo ("${photos[0]!.name}") has no GPS position`, {
          file: photos[0]!.name,
        });
      }
    }
    if (!position) throw badRequest('location_required', 'Send lat and lon, or a photo with a GPS position', null);
    const filed = await fileReport(
      db,
      {
        category: input.category,
        ...position,
        description: input.description,
        contactEmail: input.contact_email ?? null,
        contactPhone: input.contact_phone ?? null,
        idempotencyKey,
      },
      { notDuplicate: input.not_duplicate ?? false, photos, mediaDir: mediaDir(config.dataDir) },
    );
    if (filed.created) await reportsChanged(req);
    else res.set('Idempotent-Replayed', 'true');
    res
      .status(filed.created ? 201 : 200)
      .location(`/api/reports/${filed.report.id}`)
      .json(filed.report);
  });

  router.get('/api/reports/nearby', async (req, res) => {
    const query = parseOrThrow(nearbyQuerySchema, { ...req.query }, 'invalid_query');
    const settings = await getCategorySettings(db, query.category);
    if (!settings) throw badRequest('unknown_category', `Unknown category "${query.category}"; see GET /api/categories`, { category: query.category });
    const reports = await listNearbyPublic(db, query, query.category, settings.suggestRadiusM, MAX_NEARBY);
    res.set('Cache-Control', 'no-cache');
    res.json({ category: query.category, radius_m: settings.suggestRadiusM, duplicate_radius_m: settings.dupRadiusM, reports });
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
    res.json({ ...report, photos: await listPublicPhotos(db, report.id), history: await getPublicEvents(db, report.id) });
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
