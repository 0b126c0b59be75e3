import type { Queryable } from '../server/store/places.ts';
import { clustersLayer, REPORTS_RAW_MINZOOM, type LayerDef } from './layers.ts';

/** TileJSON 3.0 for one tile endpoint (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). */

interface VectorLayer {
  id: string;
  description: string;
  minzoom: number;
  maxzoom: number;
  fields: Record<string, string>;
}

/** The vector layers a tile of `layer` may contain: `reports` tiles carry `clusters` below the raw zoom. */
export function vectorLayers(layer: LayerDef): VectorLayer[] {
  const describe = (l: LayerDef, minzoom: number, maxzoom: number): VectorLayer => ({
    id: l.name,
    description: l.description,
    minzoom,
    maxzoom,
    fields: Object.fromEntries(l.fields.map((f) => [f.name, `${f.type}: ${f.description}`])),
  });
  if (layer.kind === 'sql' && layer.belowMinzoom === 'clusters') {
    return [describe(layer, layer.minzoom, layer.maxzoom), describe(clustersLayer, 0, REPORTS_RAW_MINZOOM - 1)];
  }
  return [describe(layer, layer.minzoom, layer.maxzoom)];
}

/** Builds the TileJSON document; `query` (the filters, with its `?`) is kept on the tile URL. */
export async function tileJson(q: Queryable, layer: LayerDef, baseUrl: string, query: string) {
  const { rows } = await q.query<{ w: number | null; s: number | null; e: number | null; n: number | null }>(
    'SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n FROM (SELECT ST_Extent(geom) AS x FROM districts) d',
  );
  const b = rows[0]!;
  const bounds = b.w === null ? [-180, -85.0511, 180, 85.0511] : [b.w, b.s!, b.e!, b.n!].map((v) => Math.round(v * 1e6) / 1e6);
  const layers = vectorLayers(layer);
  return {
    tilejson: '3.0.0',
    name: `ordermap ${layer.name}`,
    description: layer.description,
    scheme: 'xyz',
    tiles: [`${baseUrl}/tiles/${layer.name}/{z}/{x}/{y}.mvt${query}`],
    minzoom: Math.min(...layers.map((l) => l.minzoom)),
    maxzoom: Math.max(...layers.map((l) => l.maxzoom)),
    bounds,
    center: [(bounds[0]! + bounds[2]!) / 2, (bounds[1]! + bounds[3]!) / 2, 12],
    vector_layers: layers,
  };
}
