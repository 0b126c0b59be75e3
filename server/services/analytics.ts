import { booleanPointInPolygon, bbox as turfBbox } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Database } from '../db/database.ts';
import { getisOrdGiStar, type GiClass } from '../domain/gistar.ts';
import { hexCellOf, hexCenter, hexDisk, hexGrid, hexRing, lonLatToMercator, mercatorToLonLat, type HexGrid } from '../domain/hexgrid.ts';
import type { ReportFilters } from '../domain/report-filters.ts';
import { badRequest } from '../errors.ts';
import { cityDistricts, hexCounts, type ResolvedFilters } from '../store/analytics.ts';

interface CityInfo {
  id: number;
  code: string;
  timezone: string;
  bbox: [number, number, number, number];
}

/** Checks the filter codes against the catalogue and resolves the city (default: the first one). */
export async function resolveFilters(db: Database, f: ReportFilters): Promise<ResolvedFilters & { city: string; cityInfo: CityInfo }> {
  const { rows } = await db.query<{
    cities: CityInfo[];
    categories: string[];
    departments: string[];
  }>(
    `SELECT (SELECT json_agg(json_build_object('id', c.id, 'code', c.code, 'timezone', c.timezone,
                'bbox', json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))) ORDER BY c.id)
               FROM cities c JOIN (SELECT city_id, ST_Extent(geom)::box2d AS e FROM districts GROUP BY city_id) x ON x.city_id = c.id) AS cities,
            (SELECT array_agg(code) FROM categories) AS categories,
            (SELECT array_agg(code) FROM departments) AS departments`,
  );
  const known = rows[0]!;
  const cities = known.cities ?? [];
  const city = f.city ? cities.find((c) => c.code === f.city) : cities[0];
  if (!city) throw badRequest('unknown_city', f.city ? `Unknown city "${f.city}"` : 'No city is configured', { city: f.city });
  const unknown = (given: string[] | null, valid: string[] | null) => (given ?? []).filter((v) => !(valid ?? []).includes(v));
  const badCategories = unknown(f.categories, known.categories);
  if (badCategories.length) throw badRequest('invalid_filter', `Unknown category: ${badCategories.join(', ')}`, { category: badCategories });
  const badDepartments = unknown(f.departments, known.departments);
  if (badDepartments.length) throw badRequest('invalid_filter', `Unknown department: ${badDepartments.join(', ')}`, { department: badDepartments });
  return { ...f, city: city.code, cityId: city.id, cityInfo: city };
}

/** The grid for a city: scaled at the latitude of its centre. */
function gridFor(city: CityInfo, cellM: number): HexGrid {
  return hexGrid(cellM, (city.bbox[1] + city.bbox[3]) / 2);
}

export interface HexFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Polygon'; coordinates: Array<Array<[number, number]>> };
  properties: Record<string, string | number>;
}

function hexFeature(g: HexGrid, q: number, r: number, properties: HexFeature['properties']): HexFeature {
  return { type: 'Feature', id: `${q}:${r}`, geometry: { type: 'Polygon', coordinates: [hexRing(g, q, r)] }, properties: { q, r, ...properties } };
}

/** Hexagons with at least one report, with their counts. */
export async function hexbins(db: Database, f: ResolvedFilters & { cityInfo: CityInfo }, cellM: number) {
  const g = gridFor(f.cityInfo, cellM);
  const counts = await hexCounts(db, f, g.size);
  return {
    type: 'FeatureCollection' as const,
    cell_m: cellM,
    features: counts.map((c) => hexFeature(g, c.q, c.r, { count: c.n })),
  };
}

const MAX_STUDY_CELLS = 400_000;
const studyAreas = new Map<string, Promise<Array<[number, number]>>>();

/** The cells whose centre lies inside the city's districts (cached per city and cell size). */
function studyArea(db: Database, city: CityInfo, g: HexGrid): Promise<Array<[number, number]>> {
  const key = `${city.id}:${g.cellM}`;
  let cells = studyAreas.get(key);
  if (!cells) {
    cells = (async () => {
      const polygons = (await cityDistricts(db, city.id)).map((d) => {
        const geometry = JSON.parse(d.geometry) as Polygon | MultiPolygon;
        return { geometry, bbox: turfBbox(geometry) };
      });
      const [w, s, e, n] = city.bbox;
      const [minX, minY] = lonLatToMercator(w, s);
      const [maxX, maxY] = lonLatToMercator(e, n);
      const [q0, r0] = hexCellOf(g, minX, minY);
      const [q1, r1] = hexCellOf(g, maxX, maxY);
      const rMin = Math.min(r0, r1) - 1;
      const rMax = Math.max(r0, r1) + 1;
      const span = (rMax - rMin + 1) * (Math.abs(q1 - q0) + rMax - rMin + 3);
      if (span > MAX_STUDY_CELLS) throw badRequest('cell_too_small', `A ${g.cellM} m cell gives too many cells for this city; use a larger cell`, { cell: g.cellM });
      const out: Array<[number, number]> = [];
      for (let r = rMin; r <= rMax; r++) {
        // Columns shift by half a cell per row: widen the q range to cover the bbox on every row.
        const qStart = Math.min(q0, q1) - Math.ceil((rMax - rMin) / 2) - 2;
        const qEnd = Math.max(q0, q1) + Math.ceil((rMax - rMin) / 2) + 2;
        for (let q = qStart; q <= qEnd; q++) {
          const [lon, lat] = mercatorToLonLat(...hexCenter(g, q, r));
          if (lon < w || lon > e || lat < s || lat > n) continue;
          const inside = polygons.some(
            (p) => lon >= p.bbox[0] && lon <= p.bbox[2] && lat >= p.bbox[1] && lat <= p.bbox[3] && booleanPointInPolygon([lon, lat], p.geometry),
          );
          if (inside) out.push([q, r]);
        }
      }
      return out;
    })();
    cells.catch(() => studyAreas.delete(key));
    studyAreas.set(key, cells);
  }
  return cells;
}

/**
 * Gi* hot and cold spots over the city's hexagon grid. The study area is every cell whose centre
 * lies in the city (empty cells count as zeros) plus any cell holding a report; a cell's
 * neighbourhood is the cells within `rings` steps (distance band ≈ rings × cell), itself included.
 * Returns the cells that hold reports or are significant.
 */
export async function hotspots(db: Database, f: ResolvedFilters & { cityInfo: CityInfo }, cellM: number, rings: number) {
  const g = gridFor(f.cityInfo, cellM);
  const [area, counts] = [await studyArea(db, f.cityInfo, g), await hexCounts(db, f, g.size)];
  const index = new Map<string, number>();
  const cells: Array<[number, number]> = [];
  const add = (q: number, r: number) => {
    const key = `${q}:${r}`;
    if (!index.has(key)) {
      index.set(key, cells.length);
      cells.push([q, r]);
    }
  };
  for (const [q, r] of area) add(q, r);
  for (const c of counts) add(c.q, c.r);
  const values = new Array<number>(cells.length).fill(0);
  for (const c of counts) values[index.get(`${c.q}:${c.r}`)!] = c.n;
  const neighbours = cells.map(([q, r]) =>
    hexDisk(q, r, rings)
      .map(([nq, nr]) => index.get(`${nq}:${nr}`))
      .filter((i): i is number => i !== undefined),
  );
  const gi = getisOrdGiStar(values, neighbours);
  const features: HexFeature[] = [];
  const summary: Record<GiClass, number> = { hot_99: 0, hot_95: 0, hot_90: 0, cold_99: 0, cold_95: 0, cold_90: 0, not_significant: 0 };
  cells.forEach(([q, r], i) => {
    const res = gi[i]!;
    summary[res.class]++;
    if (values[i]! > 0 || res.class !== 'not_significant') {
      features.push(hexFeature(g, q, r, { count: values[i]!, z: round(res.z, 4), p: round(res.p, 6), class: res.class }));
    }
  });
  return {
    type: 'FeatureCollection' as const,
    cell_m: cellM,
    band_m: cellM * rings,
    study_cells: cells.length,
    summary,
    features,
  };
}

function round(v: number, digits: number): number {
  const m = 10 ** digits;
  return Math.round(v * m) / m;
}
