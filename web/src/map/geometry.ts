/** Plain geometry on lon/lat coordinates: enough for view fitting and label placement. */
import type { BBox, DistrictCollection, PolygonGeometry, Position } from '../api.ts';

/** The smallest box holding every box given; null for none. */
export function unionBBox(boxes: readonly BBox[]): BBox | null {
  if (boxes.length === 0) return null;
  return boxes.reduce<BBox>(
    (acc, b) => [Math.min(acc[0], b[0]), Math.min(acc[1], b[1]), Math.max(acc[2], b[2]), Math.max(acc[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

type Ring = Position[];
type Polygon = Ring[];

function polygonsOf(geometry: PolygonGeometry): Polygon[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Signed area of a ring in squared degrees (planar; only compared with other rings nearby). */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  }
  return sum / 2;
}

/** Area-weighted centroid of a ring, or its first vertex if the ring has no area. */
function ringCentroid(ring: Ring): Position {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (a === 0) return ring[0] ?? [0, 0];
  return [cx / (3 * a), cy / (3 * a)];
}

/** Even-odd test: inside the outer ring and outside every hole. */
function insidePolygon(p: Position, polygon: Polygon): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Midpoint of the widest stretch of `polygon` along the parallel at latitude `y`, if it crosses it. */
function widestSpanMidpoint(polygon: Polygon, y: number): Position | null {
  const xs: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: Position | null = null;
  let width = 0;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const w = xs[k + 1]! - xs[k]!;
    if (w > width) {
      width = w;
      best = [(xs[k]! + xs[k + 1]!) / 2, y];
    }
  }
  return best;
}

/**
 * A point inside the geometry to hang its label on: the centroid of its largest part when that
 * falls inside, else the middle of the widest span across that part at the centroid's latitude.
 */
export function labelPoint(geometry: PolygonGeometry): Position | null {
  let largest: Polygon | null = null;
  let largestArea = 0;
  for (const polygon of polygonsOf(geometry)) {
    const outer = polygon[0];
    if (!outer || outer.length < 4) continue;
    const area = Math.abs(ringArea(outer));
    if (area > largestArea) {
      largestArea = area;
      largest = polygon;
    }
  }
  if (!largest) return null;
  const centroid = ringCentroid(largest[0]!);
  if (insidePolygon(centroid, largest)) return centroid;
  return widestSpanMidpoint(largest, centroid[1]) ?? largest[0]![0]!;
}

export interface LabelPointCollection {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    properties: { name: string; code: string; city: string };
    geometry: { type: 'Point'; coordinates: Position };
  }>;
}

/** One label point per district, carrying its name. */
export function districtLabelPoints(districts: DistrictCollection): LabelPointCollection {
  const features: LabelPointCollection['features'] = [];
  for (const d of districts.features) {
    const point = labelPoint(d.geometry);
    if (!point) continue;
    features.push({
      type: 'Feature',
      properties: { name: d.properties.name, code: d.properties.code, city: d.properties.city },
      geometry: { type: 'Point', coordinates: point },
    });
  }
  return { type: 'FeatureCollection', features };
}
