import type { Database } from '../db/database.ts';
import { checkAreaFeatures, type AreaFeature, type FeatureProblem } from '../domain/area-features.ts';
import { route } from '../domain/routing.ts';
import { badRequest } from '../errors.ts';
import {
  applyRoutes,
  checkGeometries,
  deleteAreas,
  insertAreas,
  loadCodes,
  openReportsRoutedBy,
  rerouteCandidates,
} from '../store/areas.ts';
import { fallbackDepartmentId } from '../store/places.ts';

/** The largest area file the API accepts (the CLI reads any size). */
export const AREA_IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export interface ImportOptions {
  /** Check and count everything, change nothing. */
  dryRun: boolean;
  /** The API replaces one department's areas per call; the CLI may replace several. */
  singleDepartment: boolean;
  actor: string;
}

/** What an import did (or, in a dry run, would do). */
export interface ImportResult {
  dry_run: boolean;
  departments: string[];
  features: number;
  imported: number;
  areas_replaced: number;
  repaired: FeatureProblem[];
  rejected: FeatureProblem[];
  /** Open reports whose department changes. */
  reports_rerouted: number;
}

class DryRunRollback extends Error {
  constructor(public readonly result: ImportResult) {
    super('dry run');
  }
}

/**
 * Replaces the areas of every department named in a FeatureCollection, all or nothing: any
 * rejected feature changes nothing. Invalid polygons are repaired (ST_MakeValid) and listed.
 * Open reports routed by areas are routed again and moved (with an event) if their department changes.
 */
export async function importAreas(db: Database, input: unknown, options: ImportOptions): Promise<ImportResult> {
  try {
    return await db.transaction(async (client) => {
      const codes = await loadCodes(client);
      const { accepted, rejected } = checkAreaFeatures(input, { departments: new Set(codes.departments.keys()), categories: codes.categories });
      const departments = [...new Set(accepted.map((f) => f.department))].sort();
      if (options.singleDepartment && departments.length > 1) {
        throw badRequest('several_departments', `One call replaces one department's areas; this file names ${departments.join(', ')}`, { departments });
      }
      const repaired: FeatureProblem[] = [];
      const usable: AreaFeature[] = [];
      const checks = await checkGeometries(client, accepted.map((f) => f.geometry));
      accepted.forEach((f, i) => {
        const check = checks[i]!;
        if (check.empty) rejected.push({ index: f.index, reason: `the polygon has no area${check.reason ? ` (${check.reason})` : ''}` });
        else if (!check.insideServiceArea) rejected.push({ index: f.index, reason: 'the polygon lies entirely outside the service area' });
        else {
          if (!check.valid) repaired.push({ index: f.index, reason: `repaired with ST_MakeValid: ${check.reason}` });
          usable.push(f);
        }
      });
      rejected.sort((a, b) => a.index - b.index);
      const features = (input as { features: unknown[] }).features.length;
      const result: ImportResult = {
        dry_run: options.dryRun,
        departments,
        features,
        imported: 0,
        areas_replaced: 0,
        repaired,
        rejected,
        reports_rerouted: 0,
      };
      if (rejected.length) throw new DryRunRollback(result);

      const departmentIds = departments.map((d) => codes.departments.get(d)!);
      const previouslyRouted = await openReportsRoutedBy(client, departmentIds);
      result.areas_replaced = await deleteAreas(client, departmentIds);
      result.imported = await insertAreas(
        client,
        usable.map((f) => ({ departmentId: codes.departments.get(f.department)!, name: f.name, categories: f.categories, priority: f.priority, geometry: f.geometry })),
      );
      const fallback = await fallbackDepartmentId(client);
      const routes = (await rerouteCandidates(client, previouslyRouted, departmentIds)).map((r) => {
        const decision = route(r.candidates, r.category, fallback);
        return {
          id: r.id,
          fromDepartmentId: r.departmentId,
          departmentId: decision.departmentId,
          areaId: decision.kind === 'area' ? decision.area.id : null,
          needsTriage: decision.needsTriage,
        };
      });
      result.reports_rerouted = routes.filter((r) => r.departmentId !== r.fromDepartmentId).length;
      await applyRoutes(client, routes, options.actor, `areas of ${departments.join(', ')} replaced`);
      if (options.dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.result;
    throw err;
  }
}
