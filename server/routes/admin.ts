import express, { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { requireAdmin } from '../auth.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { STATUSES } from '../domain/statuses.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { badRequest, notFound } from '../errors.ts';
import { AREA_IMPORT_MAX_BYTES, importAreas } from '../services/areas.ts';
import { changeDepartment, changeStatus, mergeReport, unmergeReport } from '../services/lifecycle.ts';
import { listPublicPhotos } from '../store/photos.ts';
import { getPublicEvents, getPublicReport } from '../store/reports.ts';
import { getStaffReport } from '../store/staff.ts';

const staffFields = {
  actor: z.string().trim().min(1).max(100, { error: 'actor is at most 100 characters' }).default('staff'),
  note: z.string().trim().max(4000, { error: 'note is at most 4000 characters' }).optional(),
};
const statusBody = z.object({ status: z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(', ')}` }), ...staffFields }).strict();
const mergeBody = z.object({ into: z.number({ error: 'into must be a report id' }).int().positive(), ...staffFields }).strict();
const unmergeBody = z.object({ ...staffFields }).strict();
const departmentBody = z.object({ department: z.string().trim().min(1, { error: 'department is required' }).max(64), ...staffFields }).strict();

/** Staff-only calls (behind ADMIN_TOKEN): status changes, merges, department changes, area import. */
export function adminRouter(db: Database, config: Config, log: Logger): Router {
  const router = Router();
  // Authenticate before reading a body: the area import accepts large ones.
  router.use(requireAdmin(config));
  router.use(express.json({ limit: AREA_IMPORT_MAX_BYTES }));

  const reportId = (raw: string | string[] | undefined): number => {
    if (typeof raw !== 'string' || !/^[0-9]{1,15}$/.test(raw)) throw badRequest('invalid_id', 'A report is addressed by its numeric id', { id: raw ?? null });
    return Number(raw);
  };
  const answer = async (id: number) => {
    const report = await getPublicReport(db, id);
    if (!report) throw notFound(`No report ${id}`, { id });
    return { ...report, photos: await listPublicPhotos(db, id), history: await getPublicEvents(db, id) };
  };

  router.get('/reports/:id', async (req, res) => {
    const report = await getStaffReport(db, reportId(req.params.id));
    if (!report) throw notFound(`No report ${req.params.id}`, { id: req.params.id });
    res.set('Cache-Control', 'no-store');
    res.json(report);
  });

  router.post('/reports/:id/status', async (req, res) => {
    const id = reportId(req.params.id);
    const body = parseOrThrow(statusBody, req.body);
    await changeStatus(db, id, body.status, { actor: body.actor, note: body.note ?? null });
    res.json(await answer(id));
  });

  router.post('/reports/:id/merge', async (req, res) => {
    const id = reportId(req.params.id);
    const body = parseOrThrow(mergeBody, req.body);
    await mergeReport(db, id, body.into, { actor: body.actor, note: body.note ?? null });
    res.json(await answer(id));
  });

  router.post('/reports/:id/unmerge', async (req, res) => {
    const id = reportId(req.params.id);
    const body = parseOrThrow(unmergeBody, req.body ?? {});
    await unmergeReport(db, id, { actor: body.actor, note: body.note ?? null });
    res.json(await answer(id));
  });

  router.post('/reports/:id/department', async (req, res) => {
    const id = reportId(req.params.id);
    const body = parseOrThrow(departmentBody, req.body);
    await changeDepartment(db, id, body.department, { actor: body.actor, note: body.note ?? null });
    res.json(await answer(id));
  });

  router.post('/areas', async (req, res) => {
    const dryRun = req.query.dry_run === 'true' || req.query.dry_run === '1';
    const result = await importAreas(db, req.body, { dryRun, singleDepartment: true, actor: 'staff' });
    log.info({ departments: result.departments, areas: result.imported, rerouted: result.reports_rerouted, dryRun }, 'areas imported');
    res.status(result.rejected.length ? 422 : 200).json(result);
  });

  return router;
}
