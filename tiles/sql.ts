import type { TileAddress } from './address.ts';
import { BUFFER, EXTENT, type LayerDef, type LayerFilters } from './layers.ts';

/** SQL text and its $n values; built apart from running it so it can be tested without a database. */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

function base(layer: LayerDef, tile: TileAddress, filters: LayerFilters) {
  const values: unknown[] = [tile.z, tile.x, tile.y, BUFFER / EXTENT];
  const where = [`t.${layer.geom3857} && b.area`, ...(layer.where?.(filters, values) ?? [])];
  const fields = layer.fields.map((f) => `${f.sql} AS "${f.name}"`).join(', ');
  const bounds = `SELECT ST_TileEnvelope($1, $2, $3) AS tile, ST_TileEnvelope($1, $2, $3, margin => $4) AS area`;
  return { values, where: where.join(' AND '), fields, bounds };
}

/** One query that builds the whole layer with ST_AsMVT (PostGIS server). */
export function mvtQuery(layer: LayerDef, tile: TileAddress, filters: LayerFilters): SqlQuery {
  const { values, where, fields, bounds } = base(layer, tile, filters);
  values.push(layer.featureCap);
  const cap = `$${values.length}`;
  return {
    text: `WITH b AS (${bounds}),
f AS (
  SELECT t.${layer.idColumn} AS "__id", ST_AsMVTGeom(t.${layer.geom3857}, b.tile, ${EXTENT}, ${BUFFER}, true) AS "__geom", ${fields}
  FROM ${layer.table} t, b
  WHERE ${where}
  LIMIT ${cap}
)
SELECT ST_AsMVT(f, '${layer.name}', ${EXTENT}, '__geom', '__id') AS mvt FROM f WHERE "__geom" IS NOT NULL`,
    values,
  };
}

/** The same features as rows (id, EPSG:3857 x/y, fields) for the JS encoder (embedded database). */
export function rowsQuery(layer: LayerDef, tile: TileAddress, filters: LayerFilters): SqlQuery {
  if (layer.geometry !== 'point') throw new Error(`rowsQuery: layer ${layer.name} has ${layer.geometry} geometry`);
  const { values, where, fields, bounds } = base(layer, tile, filters);
  values.push(layer.featureCap);
  return {
    text: `WITH b AS (${bounds})
SELECT t.${layer.idColumn} AS "__id", ST_X(t.${layer.geom3857}) AS "__x", ST_Y(t.${layer.geom3857}) AS "__y", ${fields}
FROM ${layer.table} t, b
WHERE ${where}
LIMIT $${values.length}`,
    values,
  };
}
