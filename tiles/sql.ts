import { MERCATOR_HALF, tileBounds, type TileAddress } from './address.ts';
import type { ReportFilters } from './filters.ts';
import { BUFFER, EXTENT, type SqlLayerDef } from './layers.ts';

/** SQL text and its $n values; built apart from running it so it can be tested without a database. */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** Simplification tolerance at zoom z in EPSG:3857 metres: one tile unit, finer detail is invisible. */
export function simplifyTolerance(z: number): number {
  return (2 * MERCATOR_HALF) / 2 ** z / EXTENT;
}

function base(layer: SqlLayerDef, tile: TileAddress, filters: ReportFilters | null) {
  const values: unknown[] = [tile.z, tile.x, tile.y, BUFFER / EXTENT];
  // `&&` against the buffered envelope: the GiST index on the 3857 column answers it.
  const where = [`t.${layer.geom3857} && b.area`, ...(filters && layer.where ? layer.where(filters, values) : [])];
  const fields = layer.fields.map((f) => `${f.sql} AS "${f.name}"`).join(', ');
  const bounds = `SELECT ST_TileEnvelope($1, $2, $3) AS tile, ST_TileEnvelope($1, $2, $3, margin => $4) AS area`;
  let geom = `t.${layer.geom3857}`;
  if (layer.geometry === 'polygon') {
    values.push(simplifyTolerance(tile.z));
    geom = `ST_Simplify(${geom}, $${values.length}, true)`;
  }
  return { values, where: where.join(' AND '), fields, bounds, geom };
}

/** One query that builds the whole layer with ST_AsMVT (PostGIS server). */
export function mvtQuery(layer: SqlLayerDef, tile: TileAddress, filters: ReportFilters | null): SqlQuery {
  const { values, where, fields, bounds, geom } = base(layer, tile, filters);
  values.push(layer.featureCap);
  const cap = `$${values.length}`;
  return {
    text: `WITH b AS (${bounds}),
f AS (
  SELECT t.${layer.idColumn} AS "__id", ST_AsMVTGeom(${geom}, b.tile, ${EXTENT}, ${BUFFER}, true) AS "__geom", ${fields}
  FROM ${layer.table} t, b
  WHERE ${where}
  LIMIT ${cap}
)
SELECT ST_AsMVT(f, '${layer.name}', ${EXTENT}, '__geom', '__id') AS mvt FROM f WHERE "__geom" IS NOT NULL`,
    values,
  };
}

/**
 * The same features as rows for the JS encoder (embedded database). Points come as EPSG:3857 x/y;
 * polygons come already simplified, clipped to the buffered tile, scaled to tile units (y down),
 * snapped to the integer grid and wound as MVT wants (exterior clockwise on screen), as GeoJSON.
 */
export function rowsQuery(layer: SqlLayerDef, tile: TileAddress, filters: ReportFilters | null): SqlQuery {
  const { values, where, fields, bounds, geom } = base(layer, tile, filters);
  let select: string;
  if (layer.geometry === 'point') {
    select = `ST_X(t.${layer.geom3857}) AS "__x", ST_Y(t.${layer.geom3857}) AS "__y"`;
  } else {
    const [minX, minY, maxX, maxY] = tileBounds(tile);
    values.push(minX, maxY, EXTENT / (maxX - minX), EXTENT / (maxY - minY));
    const n = values.length;
    select = `ST_AsGeoJSON(ST_ForcePolygonCCW(ST_SnapToGrid(ST_TransScale(ST_ClipByBox2D(${geom}, b.area),
      -$${n - 3}::float8, -$${n - 2}::float8, $${n - 1}::float8, -$${n}::float8), 1)), 0) AS "__geojson"`;
  }
  values.push(layer.featureCap);
  return {
    text: `WITH b AS (${bounds})
SELECT t.${layer.idColumn} AS "__id", ${select}, ${fields}
FROM ${layer.table} t, b
WHERE ${where}
LIMIT $${values.length}`,
    values,
  };
}
