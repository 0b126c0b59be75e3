import { OPEN_STATUSES, isStatus } from '../server/domain/statuses.ts';

/**
 * Tile layers: what each layer reads and which fields it declares. A layer turns a tile request
 * into SQL (see sql.ts); the same definition drives ST_AsMVT on a PostGIS server and the JS encoder
 * on the embedded database.
 */

export interface LayerField {
  name: string;
  /** SQL expression over the layer's table alias `t`. */
  sql: string;
  type: 'String' | 'Number' | 'Boolean';
  description: string;
}

export interface LayerDef {
  name: string;
  table: string;
  geometry: 'point' | 'polygon';
  /** Column holding EPSG:3857 geometry. */
  geom3857: string;
  /** Integer column written as the feature id (not repeated as a property). */
  idColumn: string;
  fields: LayerField[];
  minzoom: number;
  maxzoom: number;
  /** Most features written in one tile. */
  featureCap: number;
  /** Builds the WHERE conditions for the filters; values are appended to `values` as $n parameters. */
  where?: (filters: LayerFilters, values: unknown[]) => string[];
  /** Validates and normalises the query string into filters; throws FilterError. */
  parseFilters?: (query: Record<string, unknown>) => LayerFilters;
}

export type LayerFilters = Record<string, readonly string[] | string | undefined>;

/** Raised for a filter value the layer does not know. */
export class FilterError extends Error {
  constructor(message: string, public readonly details: Record<string, unknown>) {
    super(message);
  }
}

export const EXTENT = 4096;
export const BUFFER = 64;

function list(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new FilterError(`${name} must be a comma-separated list`, { [name]: value });
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

/** Parses the report filters shared by the report layers: status (default: open), category. */
export function parseReportFilters(query: Record<string, unknown>): LayerFilters {
  const status = list(query.status, 'status') ?? [...OPEN_STATUSES];
  const unknown = status.filter((s) => !isStatus(s));
  if (unknown.length > 0) throw new FilterError(`Unknown status: ${unknown.join(', ')}`, { status: unknown });
  return { status, category: list(query.category, 'category') };
}

export const reportsLayer: LayerDef = {
  name: 'reports',
  table: 'reports',
  geometry: 'point',
  geom3857: 'geom_3857',
  idColumn: 'id',
  fields: [
    { name: 'category', sql: 't.category', type: 'String', description: 'Category code' },
    { name: 'status', sql: 't.status', type: 'String', description: 'Lifecycle status' },
    { name: 'supporters', sql: 't.supporters', type: 'Number', description: 'Residents who reported the same problem' },
  ],
  minzoom: 0,
  maxzoom: 22,
  featureCap: 20_000,
  parseFilters: parseReportFilters,
  where(filters, values) {
    const out: string[] = [];
    values.push(filters.status);
    out.push(`t.status = ANY($${values.length}::text[])`);
    if (filters.category) {
      values.push(filters.category);
      out.push(`t.category = ANY($${values.length}::text[])`);
    }
    return out;
  },
};

/** Every layer by name. */
export const LAYERS: Record<string, LayerDef> = { reports: reportsLayer };
