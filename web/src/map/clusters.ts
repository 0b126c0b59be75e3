/**
 * Clusters: below the zoom where report tiles carry raw points, the same tiles carry a
 * `clusters` layer (see tiles/layers.ts). Clusters are coloured by their dominant category's
 * group and labelled with their count; single reports among them are coloured by status.
 */
import type { ExpressionSpecification, Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import { fontOfStyle } from './basemap.ts';
import { REPORTS_SOURCE, STATUS_COLOURS } from './layers.ts';
import type { CircleLayerSpecification, SymbolLayerSpecification } from './style-types.ts';

export const CLUSTER_SOURCE_LAYER = 'clusters';
export const CLUSTER_LAYER = 'clusters-circles';
export const CLUSTER_COUNT_LAYER = 'clusters-count';
export const CLUSTER_SINGLE_LAYER = 'clusters-single';

/** Colour per category group; each keeps 4.5:1 contrast with the white count label. */
export const GROUP_COLOURS: Readonly<Record<string, string>> = {
  roads: '#5f3dc4',
  lighting: '#8f4a00',
  waste: '#2b6e3a',
  greenery: '#0b6e4f',
  order: '#1c5aa6',
  other: '#495057',
};
const NEUTRAL = '#495057';

function clusterLayers(font: string[] | null): Array<CircleLayerSpecification | SymbolLayerSpecification> {
  const isCluster: ExpressionSpecification = ['has', 'point_count'];
  return [
    {
      id: CLUSTER_LAYER,
      type: 'circle',
      source: REPORTS_SOURCE,
      'source-layer': CLUSTER_SOURCE_LAYER,
      filter: isCluster,
      paint: {
        'circle-color': NEUTRAL,
        'circle-radius': ['step', ['get', 'point_count'], 11, 10, 14, 50, 18, 250, 23, 1000, 29],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
        'circle-opacity': 0.92,
      },
    },
    // Counts need a font: the offline style renders one locally; a full basemap lends its own.
    ...(font
      ? [
          {
            id: CLUSTER_COUNT_LAYER,
            type: 'symbol',
            source: REPORTS_SOURCE,
            'source-layer': CLUSTER_SOURCE_LAYER,
            filter: isCluster,
            layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': font, 'text-size': 12, 'text-allow-overlap': true },
            paint: { 'text-color': '#ffffff' },
          } satisfies SymbolLayerSpecification,
        ]
      : []),
    {
      id: CLUSTER_SINGLE_LAYER,
      type: 'circle',
      source: REPORTS_SOURCE,
      'source-layer': CLUSTER_SOURCE_LAYER,
      filter: ['!', isCluster],
      paint: {
        'circle-color': ['match', ['get', 'status'], ...STATUS_COLOURS.flatMap(([s, c]) => [s, c]), NEUTRAL] as unknown as ExpressionSpecification,
        'circle-radius': 5,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
  ];
}

/** Adds the cluster layers over the reports source (already added). */
export function addClusterLayers(map: MapLibreMap): void {
  for (const layer of clusterLayers(fontOfStyle(map.getStyle()))) if (!map.getLayer(layer.id)) map.addLayer(layer);
}

/** Colours clusters by the group of their dominant category, once the categories are known. */
export function colourClustersByCategory(map: MapLibreMap, categories: ReadonlyArray<{ code: string; group: string }>): void {
  if (!map.getLayer(CLUSTER_LAYER) || categories.length === 0) return;
  const pairs = categories.flatMap((c) => [c.code, GROUP_COLOURS[c.group] ?? NEUTRAL]);
  map.setPaintProperty(CLUSTER_LAYER, 'circle-color', ['match', ['get', 'dominant_category'], ...pairs, NEUTRAL] as unknown as ExpressionSpecification);
}

/**
 * Zooms in on a clicked cluster: to the zoom where it splits (asked of the server under the same
 * filters as the tiles), or two levels closer if that fails.
 */
export async function expandCluster(map: MapLibreMap, clusterId: number, center: [number, number]): Promise<void> {
  let zoom = Math.min(map.getZoom() + 2, 16);
  try {
    const source = map.getSource<VectorTileSource>(REPORTS_SOURCE);
    const filters = new URL(source?.tiles?.[0]?.replace(/\{[xyz]\}/g, '0') ?? '', location.origin).searchParams;
    filters.delete('v');
    const res = await fetch(`/api/clusters/${clusterId}/expansion-zoom?${filters}`);
    if (res.ok) zoom = ((await res.json()) as { expansion_zoom: number }).expansion_zoom;
  } catch {
    // Two levels closer is a fine fallback.
  }
  map.easeTo({ center, zoom });
}
