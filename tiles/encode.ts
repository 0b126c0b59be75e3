import vtpbf from 'vt-pbf';
import { toTileCoords, type TileAddress } from './address.ts';
import { BUFFER, EXTENT, type LayerDef } from './layers.ts';

/** A feature in tile coordinates, in the shape vt-pbf reads (geojson-vt's). */
export interface TileFeature {
  id: number;
  type: 1 | 2 | 3;
  geometry: Array<[number, number]> | Array<Array<[number, number]>>;
  tags: Record<string, string | number | boolean>;
}

type Row = Record<string, unknown> & { __id: number; __x: number; __y: number };
type PolygonRow = Record<string, unknown> & { __id: number; __geojson: string | null };

function tagsOf(layer: LayerDef, row: Record<string, unknown>): TileFeature['tags'] {
  const tags: TileFeature['tags'] = {};
  for (const f of layer.fields) {
    const v = row[f.name];
    if (v !== null && v !== undefined) tags[f.name] = v as string | number | boolean;
  }
  return tags;
}

/** Turns point rows (EPSG:3857 x/y) into tile features, dropping those beyond the buffer as ST_AsMVTGeom does. */
export function pointFeatures(layer: LayerDef, rows: readonly Row[], tile: TileAddress): TileFeature[] {
  const out: TileFeature[] = [];
  for (const row of rows) {
    const [px, py] = toTileCoords(row.__x, row.__y, tile, EXTENT);
    if (px < -BUFFER || py < -BUFFER || px > EXTENT + BUFFER || py > EXTENT + BUFFER) continue;
    out.push({ id: row.__id, type: 1, geometry: [[px, py]], tags: tagsOf(layer, row) });
  }
  return out;
}

/** Turns polygon rows (GeoJSON already in tile units, see rowsQuery) into tile features; empty or degenerate ones are dropped. */
export function polygonFeatures(layer: LayerDef, rows: readonly PolygonRow[]): TileFeature[] {
  const out: TileFeature[] = [];
  for (const row of rows) {
    if (!row.__geojson) continue;
    const g = JSON.parse(row.__geojson) as { type: string; coordinates: unknown; geometries?: unknown[] };
    const polygons =
      g.type === 'Polygon' ? [g.coordinates as Array<Array<[number, number]>>]
      : g.type === 'MultiPolygon' ? (g.coordinates as Array<Array<Array<[number, number]>>>)
      : [];
    // Snapping to the grid can collapse small rings to lines; ST_AsMVTGeom drops those too.
    const rings = polygons.flat().filter((ring) => ring.length >= 4 && Math.abs(ringArea(ring)) > 0);
    if (rings.length === 0) continue;
    out.push({ id: row.__id, type: 3, geometry: rings, tags: tagsOf(layer, row) });
  }
  return out;
}

function ringArea(ring: ReadonlyArray<[number, number]>): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0] - ring[i]![0]) * (ring[i]![1] + ring[j]![1]);
  return sum / 2;
}

/** Encodes layers of features as one Mapbox Vector Tile (v2); no features gives an empty buffer. */
export function encodeTile(layers: Record<string, TileFeature[]>): Buffer {
  const nonEmpty = Object.fromEntries(Object.entries(layers).filter(([, f]) => f.length > 0));
  if (Object.keys(nonEmpty).length === 0) return Buffer.alloc(0);
  const tiles = Object.fromEntries(Object.entries(nonEmpty).map(([name, features]) => [name, { features }]));
  return Buffer.from(vtpbf.fromGeojsonVt(tiles as never, { version: 2, extent: EXTENT }));
}
