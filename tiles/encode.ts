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

/** Turns point rows (EPSG:3857 x/y) into tile features, dropping those beyond the buffer as ST_AsMVTGeom does. */
export function pointFeatures(layer: LayerDef, rows: readonly Row[], tile: TileAddress): TileFeature[] {
  const out: TileFeature[] = [];
  for (const row of rows) {
    const [px, py] = toTileCoords(row.__x, row.__y, tile, EXTENT);
    if (px < -BUFFER || py < -BUFFER || px > EXTENT + BUFFER || py > EXTENT + BUFFER) continue;
    const tags: TileFeature['tags'] = {};
    for (const f of layer.fields) {
      const v = row[f.name];
      if (v !== null && v !== undefined) tags[f.name] = v as string | number | boolean;
    }
    out.push({ id: row.__id, type: 1, geometry: [[px, py]], tags });
  }
  return out;
}

/** Encodes layers of features as one Mapbox Vector Tile (v2); no features gives an empty buffer. */
export function encodeTile(layers: Record<string, TileFeature[]>): Buffer {
  const nonEmpty = Object.fromEntries(Object.entries(layers).filter(([, f]) => f.length > 0));
  if (Object.keys(nonEmpty).length === 0) return Buffer.alloc(0);
  const tiles = Object.fromEntries(Object.entries(nonEmpty).map(([name, features]) => [name, { features }]));
  return Buffer.from(vtpbf.fromGeojsonVt(tiles as never, { version: 2, extent: EXTENT }));
}
