import { Router, type Request } from 'express';
import { z } from 'zod';
import { requireStaff, type Staff } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { canReadReport, canSetStatus, canTriage, CREW_STATUSES } from '../domain/permissions.ts';
import { STATUSES, type Status } from '../domain/statuses.ts';
import { numeric, parseOrThrow } from '../domain/validation.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { reportsChanged } from '../report-changes.ts';
import { processPhoto, type ProcessedPhoto } from '../media/photos.ts';
import { mediaDir, removePhotos, savePhotos } from '../media/store.ts';
import { parsePhotoUpload } from '../media/upload.ts';
import { changeDepartment, changeStatus, mergeReport, unmergeReport, type StaffChange } from '../services/lifecycle.ts';
import { insertEvent, masterOf } from '../store/lifecycle.ts';
import { insertPhotos, listPublicPhotos } from '../store/photos.ts';
import { getPublicEvents, getPublicReport } from '../store/reports.ts';
import { getStaffReport } from '../store/staff.ts';
import { departmentIds, departmentOfReport, nearbyTasks, nextPhotoPosition, setModeration, triageQueue } from '../store/tasks.ts';

const note = z.string().trim().max(4000, { error: 'note is at most 4000 characters' }).optional();
const statusBody = z.object({ status: z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(', ')}` }), note }).strict();
const mergeBody = z.object({ into: numeric('into').pipe(z.number().int().positive({ error: 'into must be a report id' })), note }).strict();
const unmergeBody = z.object({ note }).strict();
const departmentBody = z
  .object({
    department: z.string({ error: 'department is required' }).trim().min(1, { error: 'department is required' }).max(64),
    reason: z.string({ error: 'reason is required' }).trim().min(3, { error: 'reason is required (at least 3 characters)' }).max(4000),
  })
  .strict();
const moderationBody = z
  .object({
    hide_text: z.boolean().optional(),
    hide_photos: z.array(z.number().int().min(0).max(99)).max(100).optional(),
    show_photos: z.array(z.number().int().min(0).max(99)).max(100).optional(),
    note,
  })
  .strict()
  .refine((b) => b.hide_text !== undefined || b.hide_photos?.length || b.show_photos?.length, {
    error: 'Say what to change: hide_text, hide_photos or show_photos',
  });
const nearbyQuery = z.object({
  lat: numeric('lat').pipe(z.number().min(-90).max(90, { error: 'lat must be between -90 and 90' })),
  lon: numeric('lon').pipe(z.number().min(-180).max(180, { error: 'lon must be between -180 and 180' })),
  radius: numeric('radius').pipe(z.number().min(1).max(50_000, { error: 'radius must be 1–50000 m' })).default(5000),
  limit: numeric('limit').pipe(z.number().int().min(1).max(100, { error: 'limit must be 1–100' })).default(20),
  department: z.string().regex(/^[a-z0-9_-]+$/).optional(),
});
const triageQuery = z.object({
  category: z.string().optional(),
  department: z.string().optional(),
  needs_triage: z.enum(['true', 'false'], { error: 'needs_triage must be true or false' }).optional(),
  limit: numeric('limit').pipe(z.number().int().min(1).max(200)).default(50),
  offset: numeric('offset').pipe(z.number().int().min(0)).default(0),
});

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : null);
const actorOf = (staff: Staff) => `${staff.role}:${staff.email}`;

/** Crews' nearest tasks and status changes; dispatchers' triage, reassignment, merges and moderation. */
export function staffRouter(db: Database, config: Config): Router {
  const router = Router();

  const reportId = (raw: unknown): number => {
    if (typeof raw !== 'string' || !/^[0-9]{1,15}$/.test(raw)) throw badRequest('invalid_id', 'A report is addressed by its numeric id', { id: raw ?? null });
    return Number(raw);
  };

  /** Loads the report's department and checks `allowed` for the signed-in staff member (404, then 403). */
  const guard = async (req: Request, id: number, allowed: (departmentId: number) => boolean) => {
    const departmentId = await departmentOfReport(db, id);
    if (departmentId === undefined) throw notFound(`No report ${id}`, { id });
    if (!allowed(departmentId)) {
      throw new HttpError(403, 'forbidden_department', `Report ${id} belongs to another department; ${req.staff!.role}s act within their own`, { id });
    }
  };

  // Every change answers with the report; the tiles learn of the change first.
  const answer = async (req: Request, id: number) => {
    await reportsChanged(req);
    const report = await getPublicReport(db, id);
    if (!report) throw notFound(`No report ${id}`, { id });
    return { ...report, photos: await listPublicPhotos(db, id), history: await getPublicEvents(db, id) };
  };

  const change = (req: Request, text: string | undefined): StaffChange => ({ actor: actorOf(req.staff!), note: text ?? null });

  /** A department filter: crews and dispatchers are held to their own; the contact centre and admins may pick. */
  const scope = async (staff: Staff, requested: string[] | null): Promise<number[] | null> => {
    if (staff.role === 'crew' || (staff.role === 'dispatcher' && !staff.departmentIsFallback)) {
      if (requested && requested.some((d) => d !== staff.departmentCode)) {
        throw new HttpError(403, 'forbidden_department', `You act for ${staff.departmentCode} only`, { department: requested });
      }
      return [staff.departmentId!];
    }
    if (!requested) return null;
    const ids = await departmentIds(db, requested);
    const unknown = requested.filter((c) => !ids.has(c));
    if (unknown.length) throw badRequest('invalid_filter', `Unknown department: ${unknown.join(', ')}`, { department: unknown });
    return [...ids.values()];
  };

  router.get('/api/tasks/nearby', requireStaff('crew', 'dispatcher', 'admin'), async (req, res) => {
    const q = parseOrThrow(nearbyQuery, { ...req.query }, 'invalid_query');
    const departments = await scope(req.staff!, q.department ? [q.department] : null);
    const tasks = await nearbyTasks(db, q, departments, q.radius, q.limit);
    res.set('Cache-Control', 'no-store');
    res.json({ lat: q.lat, lon: q.lon, radius_m: q.radius, tasks });
  });

  router.get('/api/staff/triage', requireStaff('dispatcher', 'admin'), async (req, res) => {
    const q = parseOrThrow(triageQuery, { ...req.query }, 'invalid_query');
    const departments = await scope(req.staff!, list(q.department));
    const items = await triageQueue(db, {
      departmentIds: departments,
      categories: list(q.category),
      needsTriage: q.needs_triage === undefined ? null : q.needs_triage === 'true',
      limit: q.limit,
      offset: q.offset,
    });
    res.set('Cache-Control', 'no-store');
    res.json({ reports: items, limit: q.limit, offset: q.offset });
  });

  router.get('/api/staff/reports/:id', requireStaff(), async (req, res) => {
    const id = reportId(req.params.id);
    await guard(req, id, (d) => canReadReport(req.staff!, d));
    const report = await getStaffReport(db, id);
    res.set('Cache-Control', 'no-store');
    // Planners analyse; they do not contact residents.
    res.json(req.staff!.role === 'planner' ? { ...report, contact_email: null, contact_phone: null } : report);
  });

  router.post(
    '/api/staff/reports/:id/status',
    requireStaff('crew', 'dispatcher', 'admin'),
    (req, res, next) => (req.is('multipart/form-data') ? parsePhotoUpload(req, res, next) : next()),
    async (req, res) => {
      const id = reportId(req.params.id);
      const body = parseOrThrow(statusBody, { ...req.body });
      const current = await getPublicReport(db, id);
      if (!current) throw notFound(`No report ${id}`, { id });
      const departmentId = await departmentOfReport(db, id);
      if (!canSetStatus(req.staff!, departmentId!, current.status, body.status)) {
        const crew = req.staff!.role === 'crew';
        throw new HttpError(
          403,
          crew && departmentId === req.staff!.departmentId ? 'forbidden_status' : 'forbidden_department',
          crew && departmentId === req.staff!.departmentId
            ? `Crews move open reports to ${CREW_STATUSES.join(', ')}; ask a dispatcher for anything else`
            : `Report ${id} belongs to another department`,
          { from: current.status, to: body.status },
        );
      }
      // "After" photos are cleaned like residents' photos before anything changes.
      const photos: ProcessedPhoto[] = [];
      for (const f of (req.files as Express.Multer.File[] | undefined) ?? []) photos.push(await processPhoto(f.originalname, f.buffer));
      const dir = mediaDir(config.dataDir);
      const written = photos.length ? await savePhotos(dir, photos, new Date()) : [];
      try {
        await changeStatus(db, id, body.status as Status, change(req, body.note), async (client) => {
          if (written.length === 0) return;
          // Positions are taken with the report locked, so two uploads never collide.
          const first = await nextPhotoPosition(client, id);
          await insertPhotos(client, id, written.map((p, i) => ({ ...p, position: first + i })), 'after');
        });
      } catch (err) {
        await removePhotos(dir, written);
        throw err;
      }
      res.json(await answer(req, id));
    },
  );

  router.post('/api/staff/reports/:id/merge', requireStaff('dispatcher', 'admin'), async (req, res) => {
    const id = reportId(req.params.id);
    const body = parseOrThrow(mergeBody, req.body ?? {});
    await guard(req, id, (d) => canTriage(req.staff!, d));
    await guard(req, body.into, (d) => canTriage(req.staff!, d));
    await mergeReport(db, id, body.into, change(req, body.note));
    res.json(await answer(req, id));
  });

  router.post('/api/staff/reports/:id/unmerge', requireStaff('dispatcher', 'admin'), async (req, res) => {
    const id = reportId(req.params.id);
    const body = parseOrThrow(unmergeBody, req.body ?? {});
    await guard(req, id, (d) => canTriage(req.staff!, d));
    // Unmerging also takes supporters from the master: it must be theirs too.
    const master = await masterOf(db, id);
    if (master !== null) await guard(req, master, (d) => canTriage(req.staff!, d));
    await unmergeReport(db, id, change(req, body.note));
    res.json(await answer(req, id));
  });

  router.post('/api/staff/reports/:id/department', requireStaff('dispatcher', 'admin'), async (req, res) => {
    const id = reportId(req.params.id);
    const body = parseOrThrow(departmentBody, req.body ?? {});
    await guard(req, id, (d) => canTriage(req.staff!, d));
    await changeDepartment(db, id, body.department, change(req, body.reason));
    res.json(await answer(req, id));
  });

  router.post('/api/staff/reports/:id/moderation', requireStaff('dispatcher', 'admin'), async (req, res) => {
    const id = reportId(req.params.id);
    const body = parseOrThrow(moderationBody, req.body ?? {});
    await guard(req, id, (d) => canTriage(req.staff!, d));
    const hide = body.hide_photos ?? [];
    const show = body.show_photos ?? [];
    const both = hide.filter((p) => show.includes(p));
    if (both.length) throw badRequest('invalid_moderation', `A photo cannot be hidden and shown at once: ${both.join(', ')}`, { positions: both });
    await db.transaction(async (client) => {
      const hidden = await setModeration(client, id, { hideText: body.hide_text, photoPositions: hide, hidePhotos: true });
      const shown = await setModeration(client, id, { hideText: undefined, photoPositions: show, hidePhotos: false });
      if (hidden !== hide.length || shown !== show.length) {
        throw badRequest('unknown_photo', `Report ${id} has no photo at some of those positions`, { hide_photos: hide, show_photos: show });
      }
      const what = [
        body.hide_text === true ? 'text hidden' : body.hide_text === false ? 'text shown' : null,
        hide.length ? `${hide.length} photo(s) hidden` : null,
        show.length ? `${show.length} photo(s) shown` : null,
      ].filter(Boolean);
      // The public history says that something was moderated; the reason stays with staff.
      await insertEvent(client, { reportId: id, actor: actorOf(req.staff!), kind: 'moderation', from: null, to: what.join(', '), note: null, at: new Date() });
      if (body.note) {
        await insertEvent(client, { reportId: id, actor: actorOf(req.staff!), kind: 'note', from: null, to: null, note: body.note, at: new Date(), isPublic: false });
      }
    });
    res.json(await answer(req, id));
  });

  return router;
}
