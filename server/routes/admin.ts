import express, { Router } from 'express';
import type { Logger } from 'pino';
import { requireStaff } from '../auth/middleware.ts';
import { reportsChanged } from '../report-changes.ts';
import type { Database } from '../db/database.ts';
import { AREA_IMPORT_MAX_BYTES, importAreas } from '../services/areas.ts';

/** Administrators' calls: replacing a department's areas. */
export function adminRouter(db: Database, log: Logger): Router {
  const router = Router();
  // Check the role before reading a body: the area import accepts large ones.
  router.post('/areas', requireStaff('admin'), express.json({ limit: AREA_IMPORT_MAX_BYTES }), async (req, res) => {
    const dryRun = req.query.dry_run === 'true' || req.query.dry_run === '1';
    const result = await importAreas(db, req.body, { dryRun, singleDepartment: true, actor: `admin:${req.staff!.email}` });
    log.info({ departments: result.departments, areas: result.imported, rerouted: result.reports_rerouted, dryRun }, 'areas imported');
    if (!dryRun && result.reports_rerouted > 0) await reportsChanged(req);
    res.status(result.rejected.length ? 422 : 200).json(result);
  });
  return router;
}
