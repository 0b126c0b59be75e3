import type { Database } from '../db/database.ts';
import { route } from '../domain/routing.ts';
import type { Status } from '../domain/statuses.ts';
import { badRequest, unprocessable } from '../errors.ts';
import { fallbackDepartmentId, locatePoints, type Queryable } from '../store/places.ts';
import { getPublicReport, insertReports, type PublicReport, type ReportRow } from '../store/reports.ts';

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
  const [places, fallbackId] = [await locatePoints(q, items), await fallbackDepartmentId(q)];
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

/** Files one resident's report: checks the category, locates, routes and stores it. */
export async function fileReport(db: Database, item: IntakeItem): Promise<PublicReport> {
  const known = await db.query('SELECT 1 FROM categories WHERE code = $1', [item.category]);
  if (known.rowCount === 0) {
    throw badRequest('unknown_category', `Unknown category "${item.category}"; see GET /api/categories`, {
      category: item.category,
    });
  }
  return db.transaction(async (client) => {
    let rows: ReportRow[];
    try {
      rows = await prepareReports(client, [item]);
    } catch (err) {
      if (err instanceof OutsideServiceAreaError) {
        throw unprocessable('outside_service_area', 'This place is outside the area the city serves; reports can only be filed inside the city.', {
          lat: item.lat,
          lon: item.lon,
        });
      }
      throw err;
    }
    const [id] = await insertReports(client, rows);
    return (await getPublicReport(client, id!))!;
  });
}
