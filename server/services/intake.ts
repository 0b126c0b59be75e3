import type { Database } from '../db/database.ts';
import { route } from '../domain/routing.ts';
import type { Status } from '../domain/statuses.ts';
import { badRequest, unprocessable } from '../errors.ts';
import { fallbackDepartmentId, locatePoints, type Queryable } from '../store/places.ts';
import { getPublicReport, insertReports, type PublicReport, type ReportRow } from '../store/reports.ts';
import { findMaster } from '../domain/dedup.ts';
import type { ProcessedPhoto } from '../media/photos.ts';
import { removePhotos, savePhotos } from '../media/store.ts';
import { addSupporters, findByIdempotencyKey, findDedupCandidates, getCategorySettings, lockCategory } from '../store/dedup.ts';
import { insertPhotos, listPublicPhotos, type PhotoRow, type PublicPhoto } from '../store/photos.ts';

/** A report before it is located and routed. */
export interface IntakeItem {
  category: string;
  lat: number;
  lon: number;
  description: string;
  contactEmail?: string | null;
  contactPhone?: string | null;
  idempotencyKey?: string | null;
  source?: string;
  status?: Status;
  createdAt?: Date;
  acknowledgedAt?: Date | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
}

/** Raised for an item whose point lies outside every city's service area. */
export class OutsideServiceAreaError extends Error {
  constructor(public readonly index: number, public readonly lat: number, public readonly lon: number) {
    super(`Point ${lat}, ${lon} is outside the service area`);
  }
}

/**
 * Locates and routes many items in one round trip, giving rows ready to insert.
 * Throws OutsideServiceAreaError for the first item outside the service area.
 */
export async function prepareReports(q: Queryable, items: readonly IntakeItem[]): Promise<ReportRow[]> {
  // Both at once: a pool runs them on two connections; a single client queues them.
  const [places, fallbackId] = await Promise.all([locatePoints(q, items), fallbackDepartmentId(q)]);
  return items.map((item, i) => {
    const place = places[i]!;
    if (place.cityId === null || place.refPrefix === null) throw new OutsideServiceAreaError(i, item.lat, item.lon);
    const decision = route(place.candidates, item.category, fallbackId);
    return {
      cityId: place.cityId,
      refPrefix: place.refPrefix,
      districtId: place.districtId,
      category: item.category,
      status: item.status ?? 'new',
      description: item.description,
      lon: item.lon,
      lat: item.lat,
      departmentId: decision.departmentId,
      areaId: decision.kind === 'area' ? decision.area.id : null,
      needsTriage: decision.needsTriage,
      contactEmail: item.contactEmail ?? null,
      contactPhone: item.contactPhone ?? null,
      idempotencyKey: item.idempotencyKey ?? null,
      source: item.source ?? 'web',
      ...(item.createdAt ? { createdAt: item.createdAt } : {}),
      acknowledgedAt: item.acknowledgedAt ?? null,
      resolvedAt: item.resolvedAt ?? null,
      closedAt: item.closedAt ?? null,
    };
  });
}

/** What a resident's submission carries besides the report itself. */
export interface FileOptions {
  /** The resident says this is not a duplicate of a nearby report. */
  notDuplicate?: boolean;
  /** Processed photos and the media folder to keep them in. */
  photos?: readonly ProcessedPhoto[];
  mediaDir?: string;
  now?: Date;
}

/** The outcome of filing: the stored report, whether it was new, and the master it duplicates. */
export interface FiledReport {
  report: PublicReport & { photos: PublicPhoto[] };
  /** false when an Idempotency-Key replay returned the report filed earlier. */
  created: boolean;
  duplicateOf: number | null;
}

/**
 * Files one resident's report: checks the category, locates and routes it, stores it as new or
 * as a duplicate of the nearest open report (with its photos), once per Idempotency-Key.
 */
export async function fileReport(db: Database, item: IntakeItem, options: FileOptions = {}): Promise<FiledReport> {
  const key = item.idempotencyKey ?? null;
  if (key) {
    const earlier = await findByIdempotencyKey(db, key);
    if (earlier !== undefined) return replay(db, earlier);
  }
  // Locating and routing need no lock: start them now, alongside the category lookup.
  const routing = prepareOrRefuse(db, item);
  routing.catch(() => undefined); // awaited below, after an unknown category has been reported
  const settings = await getCategorySettings(db, item.category);
  if (!settings) {
    throw badRequest('unknown_category', `Unknown category "${item.category}"; see GET /api/categories`, {
      category: item.category,
    });
  }
  const photos = options.photos ?? [];
  if (settings.photoRequired && photos.length === 0) {
    throw badRequest('photo_required', `A report of category "${item.category}" needs at least one photo`, { category: item.category });
  }
  const [row] = await routing;
  const now = options.now ?? new Date();
  let written: PhotoRow[] = [];
  let outcome: { id: number; replayed: boolean; duplicateOf: number | null };
  try {
    outcome = await db.transaction(async (client) => {
      await lockCategory(client, item.category);
      if (key) {
        // A retry that raced the first attempt waited for its lock: it now sees the report.
        const earlier = await findByIdempotencyKey(client, key);
        if (earlier !== undefined) return { id: earlier, replayed: true, duplicateOf: null };
      }
      const candidates = await findDedupCandidates(client, item, item.category, settings, now);
      const master = findMaster(candidates, settings, now, options.notDuplicate);
      const [id] = await insertReports(client, [{ ...row!, ...(master ? { status: 'duplicate' as const, duplicateOf: master.id } : {}) }]);
      if (master) await addSupporters(client, master.id, 1, 'resident', `report ${id} filed as a duplicate`);
      if (photos.length) {
        written = await savePhotos(options.mediaDir!, photos, now);
        await insertPhotos(client, id!, written);
      }
      return { id: id!, replayed: false, duplicateOf: master?.id ?? null };
    });
  } catch (err) {
    if (written.length) await removePhotos(options.mediaDir!, written);
    // Two first attempts with one key in different categories: the loser replays the winner.
    if (key && isUniqueViolation(err, 'reports_idempotency_key_key')) {
      const earlier = await findByIdempotencyKey(db, key);
      if (earlier !== undefined) return replay(db, earlier);
    }
    throw err;
  }
  if (outcome.replayed) return replay(db, outcome.id);
  const report = (await getPublicReport(db, outcome.id))!;
  const stored = photos.length ? await listPublicPhotos(db, outcome.id) : [];
  return { report: { ...report, photos: stored }, created: true, duplicateOf: outcome.duplicateOf };
}

async function prepareOrRefuse(q: Queryable, item: IntakeItem): Promise<ReportRow[]> {
  try {
    return await prepareReports(q, [item]);
  } catch (err) {
    if (err instanceof OutsideServiceAreaError) {
      throw unprocessable('outside_service_area', 'This place is outside the area the city serves; reports can only be filed inside the city.', {
        lat: item.lat,
        lon: item.lon,
      });
    }
    throw err;
  }
}

async function replay(q: Queryable, id: number): Promise<FiledReport> {
  const report = (await getPublicReport(q, id))!;
  return { report: { ...report, photos: await listPublicPhotos(q, id) }, created: false, duplicateOf: report.duplicate_of };
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === constraint;
}
