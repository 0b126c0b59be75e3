import { createHash } from 'node:crypto';
import type { Database } from '../server/db/database.ts';
import type { TileAddress } from './address.ts';
import { encodeTile, pointFeatures, polygonFeatures } from './encode.ts';
import type { ReportFilters } from './filters.ts';
import type { SqlLayerDef } from './layers.ts';
import { mvtQuery, rowsQuery } from './sql.ts';

/** Builds one SQL layer's tile: with ST_AsMVT where the database has it, else with the JS encoder. */
export async function renderTile(db: Database, layer: SqlLayerDef, tile: TileAddress, filters: ReportFilters | null): Promise<Buffer> {
  if (db.hasAsMvt) {
    const q = mvtQuery(layer, tile, filters);
    // A named (prepared) statement: each connection parses and plans a tile query once, not per tile.
    const { rows } = await db.pool.query<{ mvt: Buffer | null }>({ name: statementName(q.text), text: q.text, values: q.values });
    return rows[0]?.mvt ?? Buffer.alloc(0);
  }
  return renderTileInJs(db, layer, tile, filters);
}

/** The JS encoder path, also used to compare both encoders on a server database. */
export async function renderTileInJs(db: Database, layer: SqlLayerDef, tile: TileAddress, filters: ReportFilters | null): Promise<Buffer> {
  const q = rowsQuery(layer, tile, filters);
  const { rows } = await db.query(q.text, q.values);
  const features = layer.geometry === 'point' ? pointFeatures(layer, rows as never, tile) : polygonFeatures(layer, rows as never);
  return encodeTile({ [layer.name]: features });
}

/** A stable prepared-statement name for a query text (the text varies with the filters present). */
export function statementName(text: string): string {
  return `tile_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
}
