import vtpbf from 'vt-pbf';
import type { TileAddress } from '../address.ts';
import { CLUSTER_ID_BASE, CLUSTER_OPTIONS } from './build.ts';
import type { ClusterIndex } from './service.ts';

/** Shapes cluster index answers for the API (GeoJSON) and for tiles (MVT). Pure. */

/** A cluster or a single report as `/api/clusters` returns it. */
export interface ClusterFeature {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, unknown>;
}

type ScFeature = { id?: number | string; geometry: { coordinates: number[] }; properties: Record<string, unknown> };

/** Turns supercluster's flat properties into the API shape: counts grouped as `statuses` and `categories`. */
export function toApiFeature(f: ScFeature): ClusterFeature {
  const p = f.properties;
  const coordinates: [number, number] = [round7(f.geometry.coordinates[0]!), round7(f.geometry.coordinates[1]!)];
  if (!p.cluster) {
    const id = Number(f.id);
    return { type: 'Feature', id, geometry: { type: 'Point', coordinates }, properties: { id, category: p.category, status: p.status } };
  }
  const statuses: Record<string, number> = {};
  const categories: Record<string, number> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k.startsWith('status_')) statuses[k.slice(7)] = v as number;
    else if (k.startsWith('category_')) categories[k.slice(9)] = v as number;
  }
  return {
    type: 'Feature',
    id: p.cluster_id as number,
    geometry: { type: 'Point', coordinates },
    properties: {
      cluster: true,
      cluster_id: p.cluster_id,
      point_count: p.point_count,
      point_count_abbreviated: p.point_count_abbreviated,
      dominant_category: p.dominant_category,
      statuses,
      categories,
    },
  };
}

/** Clusters and single reports inside a lon/lat box at a zoom, at most `limit` (null when more). */
export function clustersIn(ix: ClusterIndex, bbox: [number, number, number, number], zoom: number, limit: number): ClusterFeature[] | null {
  const found = ix.index.getClusters(bbox, zoom) as unknown as ScFeature[];
  if (found.length > limit) return null;
  return found.map(toApiFeature);
}

/** The `clusters` tile layer encoded as MVT (extent 512, as supercluster computes it); empty buffer when nothing is there. */
export function clusterTile(ix: ClusterIndex, t: TileAddress): Buffer {
  const tile = ix.index.getTile(t.z, t.x, t.y);
  if (!tile || tile.features.length === 0) return Buffer.alloc(0);
  return Buffer.from(vtpbf.fromGeojsonVt({ clusters: tile as never }, { version: 2, extent: CLUSTER_OPTIONS.extent }));
}

/** The zoom at which a cluster breaks apart, or null for an id this index does not have. */
export function expansionZoom(ix: ClusterIndex, clusterId: number): number | null {
  // Ids below the base are not clusters.
  if (clusterId < CLUSTER_ID_BASE) return null;
  try {
    return ix.index.getClusterExpansionZoom(clusterId);
  } catch {
    return null;
  }
}

/** A page of the reports inside a cluster, or null for an id this index does not have. */
export function leaves(ix: ClusterIndex, clusterId: number, limit: number, offset: number): ClusterFeature[] | null {
  if (clusterId < CLUSTER_ID_BASE) return null;
  try {
    return (ix.index.getLeaves(clusterId, limit, offset) as unknown as ScFeature[]).map(toApiFeature);
  } catch {
    return null;
  }
}

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}
