import { reportFilterSql, type ReportFilters } from './filters.ts';

/**
 * Tile layers: what each layer reads and which fields it declares. A SQL layer turns a tile
 * request into SQL (see sql.ts); the same definition drives ST_AsMVT on a PostGIS server and the
 * JS encoder on the embedded database. The `clusters` layer is served from the cluster index.
 */

export interface LayerField {
  name: string;
  /** SQL expression over the layer's table alias `t` (SQL layers only). */
  sql: string;
  type: 'String' | 'Number' | 'Boolean';
  description: string;
}

interface LayerBase {
  name: string;
  description: string;
  fields: LayerField[];
  minzoom: number;
  maxzoom: number;
  /** Whether the layer takes the report filters (status, category, department, since, until). */
  filtered: boolean;
}

/** A layer read from a table with one query per tile. */
export interface SqlLayerDef extends LayerBase {
  kind: 'sql';
  table: string;
  geometry: 'point' | 'polygon';
  /** Column holding EPSG:3857 geometry. */
  geom3857: string;
  /** Integer column written as the feature id (not repeated as a property). */
  idColumn: string;
  /** Most features written in one tile. */
  featureCap: number;
  /** Builds the WHERE conditions for the filters; values are appended to `values` as $n parameters. */
  where?: (filters: ReportFilters, values: unknown[]) => string[];
  /** Below `minzoom` the tile is answered from this layer instead (documented in TileJSON). */
  belowMinzoom?: 'clusters';
}

/** The layer served from the in-memory cluster index. */
export interface ClusterLayerDef extends LayerBase {
  kind: 'clusters';
}

export type LayerDef = SqlLayerDef | ClusterLayerDef;

export const EXTENT = 4096;
export const BUFFER = 64;

/**
 * Zoom from which `reports` are served as raw points. Below it a tile over a dense city could hold
 * tens of thousands of points, too many to draw or to ship (500 KB), so clusters answer instead.
 */
export const REPORTS_RAW_MINZOOM = 14;

export const reportsLayer: SqlLayerDef = {
  kind: 'sql',
  name: 'reports',
  description: `Individual reports (from zoom ${REPORTS_RAW_MINZOOM}; below it the tile carries the clusters layer)`,
  table: 'reports',
  geometry: 'point',
  geom3857: 'geom_3857',
  idColumn: 'id',
  fields: [
    { name: 'category', sql: 't.category', type: 'String', description: 'Category code' },
    { name: 'status', sql: 't.status', type: 'String', description: 'Lifecycle status' },
    { name: 'supporters', sql: 't.supporters', type: 'Number', description: 'Residents who reported the same problem' },
  ],
  minzoom: REPORTS_RAW_MINZOOM,
  maxzoom: 22,
  // 15,000 points of ~22 bytes stay well under 500 KB; a z14 tile over the densest hotspot is the only
  // place it bites, and only with every status shown.
  featureCap: 15_000,
  filtered: true,
  where: reportFilterSql,
  belowMinzoom: 'clusters',
};

export const clustersLayer: ClusterLayerDef = {
  kind: 'clusters',
  name: 'clusters',
  description: 'Reports clustered per zoom, with counts by status and category',
  fields: [
    { name: 'cluster', sql: '', type: 'Boolean', description: 'true for a cluster; absent for a single report' },
    { name: 'cluster_id', sql: '', type: 'Number', description: 'Cluster id for /api/clusters/{id}/expansion-zoom and /leaves (same filters)' },
    { name: 'point_count', sql: '', type: 'Number', description: 'Reports in the cluster (after the filters)' },
    { name: 'point_count_abbreviated', sql: '', type: 'String', description: 'point_count for a label (e.g. 12k)' },
    { name: 'dominant_category', sql: '', type: 'String', description: 'The most frequent category in the cluster' },
    { name: 'status_<code>', sql: '', type: 'Number', description: 'Reports per status (only non-zero counts)' },
    { name: 'category_<code>', sql: '', type: 'Number', description: 'Reports per category (only non-zero counts)' },
    { name: 'category', sql: '', type: 'String', description: 'Category of a single report' },
    { name: 'status', sql: '', type: 'String', description: 'Status of a single report' },
  ],
  minzoom: 0,
  maxzoom: 22,
  filtered: true,
};

export const areasLayer: SqlLayerDef = {
  kind: 'sql',
  name: 'areas',
  description: 'Department areas: which department owns which ground',
  table: 'department_areas',
  geometry: 'polygon',
  geom3857: 'geom_3857',
  idColumn: 'id',
  fields: [
    { name: 'department', sql: '(SELECT d.code FROM departments d WHERE d.id = t.department_id)', type: 'String', description: 'Department code' },
    { name: 'name', sql: 't.name', type: 'String', description: 'Area name' },
    { name: 'categories', sql: "array_to_string(t.categories, ',')", type: 'String', description: 'Category codes the area accepts (comma list); absent: all' },
    { name: 'priority', sql: 't.priority', type: 'Number', description: 'Routing priority (higher wins)' },
  ],
  minzoom: 0,
  maxzoom: 22,
  featureCap: 2_000,
  filtered: false,
};

export const districtsLayer: SqlLayerDef = {
  kind: 'sql',
  name: 'districts',
  description: 'City districts',
  table: 'districts',
  geometry: 'polygon',
  geom3857: 'geom_3857',
  idColumn: 'id',
  fields: [
    { name: 'name', sql: 't.name', type: 'String', description: 'District name' },
    { name: 'code', sql: 't.code', type: 'String', description: 'District code' },
    { name: 'population', sql: 't.population', type: 'Number', description: 'Residents, where known' },
  ],
  minzoom: 0,
  maxzoom: 22,
  featureCap: 2_000,
  filtered: false,
};

/** Every layer by name: the allow-list of table and column names that reach SQL. */
export const LAYERS: Readonly<Record<string, LayerDef>> = {
  reports: reportsLayer,
  clusters: clustersLayer,
  areas: areasLayer,
  districts: districtsLayer,
};
