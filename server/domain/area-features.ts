import { badRequest } from '../errors.ts';

/**
 * Checks a GeoJSON FeatureCollection of department areas before it reaches the database:
 * every feature is kept or rejected with its index and the reason. Geometry validity
 * (self-intersections and the like) is PostGIS's job; this checks shape, ranges and codes.
 */

/** One usable feature: which department owns the polygon, for which categories, at which priority. */
export interface AreaFeature {
  index: number;
  department: string;
  categories: string[] | null;
  priority: number;
  name: string | null;
  /** The geometry as GeoJSON text, for ST_GeomFromGeoJSON. */
  geometry: string;
}

export interface FeatureProblem {
  index: number;
  reason: string;
}

/** Priorities allowed in a file (higher wins). */
export const PRIORITY_RANGE = [-1000, 1000] as const;

/** Splits a FeatureCollection into usable features and rejections; throws 400 if it is not a FeatureCollection at all. */
export function checkAreaFeatures(
  input: unknown,
  known: { departments: ReadonlySet<string>; categories: ReadonlySet<string> },
): { accepted: AreaFeature[]; rejected: FeatureProblem[] } {
  const fc = input as { type?: unknown; features?: unknown };
  if (typeof fc !== 'object' || fc === null || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw badRequest('invalid_geojson', 'Send a GeoJSON FeatureCollection of department areas', null);
  }
  if (fc.features.length === 0) throw badRequest('invalid_geojson', 'The FeatureCollection has no features', null);
  const accepted: AreaFeature[] = [];
  const rejected: FeatureProblem[] = [];
  fc.features.forEach((f: unknown, index: number) => {
    const reason = problemOf(f, known);
    if (reason) rejected.push({ index, reason });
    else accepted.push(toAreaFeature(f as Feature, index));
  });
  return { accepted, rejected };
}

interface Feature {
  type: string;
  properties: { department: string; categories?: string[] | null; priority?: number; name?: string | null };
  geometry: { type: string; coordinates: unknown };
}

function toAreaFeature(f: Feature, index: number): AreaFeature {
  const p = f.properties;
  return {
    index,
    department: p.department,
    categories: p.categories ? [...new Set(p.categories)] : null,
    priority: p.priority ?? 0,
    name: p.name ?? null,
    geometry: JSON.stringify(f.geometry),
  };
}

function problemOf(f: unknown, known: { departments: ReadonlySet<string>; categories: ReadonlySet<string> }): string | null {
  if (typeof f !== 'object' || f === null || (f as { type?: unknown }).type !== 'Feature') return 'not a GeoJSON Feature';
  const { properties: p, geometry: g } = f as { properties?: Record<string, unknown> | null; geometry?: { type?: unknown; coordinates?: unknown } | null };
  if (!p || typeof p.department !== 'string' || p.department === '') return 'properties.department (a department code) is missing';
  if (!known.departments.has(p.department)) return `unknown department "${p.department}"`;
  if (p.categories !== undefined && p.categories !== null) {
    if (!Array.isArray(p.categories) || p.categories.length === 0 || !p.categories.every((c) => typeof c === 'string')) {
      return 'properties.categories must be a non-empty array of category codes (leave it out for every category)';
    }
    const unknown = p.categories.filter((c: string) => !known.categories.has(c));
    if (unknown.length) return `unknown categor${unknown.length > 1 ? 'ies' : 'y'} ${unknown.map((c: string) => `"${c}"`).join(', ')}`;
  }
  if (p.priority !== undefined && p.priority !== null) {
    if (typeof p.priority !== 'number' || !Number.isInteger(p.priority) || p.priority < PRIORITY_RANGE[0] || p.priority > PRIORITY_RANGE[1]) {
      return `properties.priority must be an integer from ${PRIORITY_RANGE[0]} to ${PRIORITY_RANGE[1]}`;
    }
  }
  if (p.name !== undefined && p.name !== null && (typeof p.name !== 'string' || p.name.length > 200)) return 'properties.name must be text of at most 200 characters';
  if (!g || typeof g !== 'object') return 'the feature has no geometry';
  if (g.type === 'Polygon') return polygonProblem(g.coordinates, '');
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return 'a MultiPolygon needs at least one polygon';
    for (const [i, poly] of g.coordinates.entries()) {
      const problem = polygonProblem(poly, `polygon ${i}: `);
      if (problem) return problem;
    }
    return null;
  }
  return `the geometry is a ${String(g.type)}; only Polygon and MultiPolygon can be areas`;
}

function polygonProblem(rings: unknown, prefix: string): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return `${prefix}a polygon needs at least one ring`;
  for (const [r, ring] of rings.entries()) {
    if (!Array.isArray(ring) || ring.length < 4) return `${prefix}ring ${r} has fewer than 4 positions`;
    for (const pos of ring) {
      if (!Array.isArray(pos) || pos.length < 2 || !pos.every((n) => typeof n === 'number' && Number.isFinite(n))) {
        return `${prefix}ring ${r} has a position that is not [lon, lat]`;
      }
      if (Math.abs(pos[0]) > 180 || Math.abs(pos[1]) > 90) return `${prefix}ring ${r} has a position outside lon/lat range: [${pos[0]}, ${pos[1]}]`;
    }
    const [a, b] = [ring[0] as number[], ring[ring.length - 1] as number[]];
    if (a[0] !== b[0] || a[1] !== b[1]) return `${prefix}ring ${r} is not closed (its first and last positions differ)`;
  }
  return null;
}
