/** The reports layer: the server's vector tiles drawn as circles coloured by status. */
import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import { reportTilesUrl } from '../api.ts';
import { reportFilterParams, type ReportFilter } from './report-filter.ts';
import type { CircleColour, CircleLayerSpecification, VectorSourceSpecification } from './style-types.ts';

export const REPORTS_SOURCE = 'reports';
/** The source layer inside the tiles (see tiles/layers.ts on the server). */
export const REPORTS_SOURCE_LAYER = 'reports';
export const REPORTS_LAYER = 'reports-circles';

/**
 * Status colours, in lifecycle order. Each keeps at least 3:1 contrast with the light district
 * fill; the legend names every status, so colour is never the only cue.
 */
export const STATUS_COLOURS: ReadonlyArray<readonly [status: string, colour: string]> = [
  ['new', '#d6336c'],
  ['acknowledged', '#d9480f'],
  ['in_progress', '#1864ab'],
  ['resolved', '#2b8a3e'],
  ['closed_not_fixed', '#5c5f66'],
  ['rejected', '#343a40'],
  ['duplicate', '#7048e8'],
];
const UNKNOWN_STATUS_COLOUR = '#495057';

/** Statuses the tiles hold unless asked otherwise (the server's default: open reports). */
export const DEFAULT_STATUSES = ['new', 'acknowledged', 'in_progress'] as const;

export function reportsSource(): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: [reportTilesUrl()],
    minzoom: 0,
    // Deeper zooms reuse (overzoom) the z16 tiles: a z16 tile still places a point to ~15 cm.
    maxzoom: 16,
  };
}

const statusColour = [
  'match',
  ['get', 'status'],
  ...STATUS_COLOURS.flatMap(([status, colour]) => [status, colour]),
  UNKNOWN_STATUS_COLOUR,
] as unknown as CircleColour;

export function reportLayers(): CircleLayerSpecification[] {
  return [
    {
      id: REPORTS_LAYER,
      type: 'circle',
      source: REPORTS_SOURCE,
      'source-layer': REPORTS_SOURCE_LAYER,
      paint: {
        'circle-color': statusColour,
        'circle-radius': [
          'interpolate', ['linear'], ['zoom'],
          9, ['case', ['>', ['get', 'supporters'], 1], 4.5, 3.5],
          12, ['case', ['>', ['get', 'supporters'], 1], 7, 5.5],
          16, ['case', ['>', ['get', 'supporters'], 1], 11, 9],
        ],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 9, 0.75, 13, 1.5],
        'circle-opacity': 0.95,
      },
    },
  ];
}

/** Adds the reports source and layers to a map whose style is loaded. */
export function addReportLayers(map: MapLibreMap): void {
  if (!map.getSource(REPORTS_SOURCE)) map.addSource(REPORTS_SOURCE, reportsSource());
  for (const layer of reportLayers()) if (!map.getLayer(layer.id)) map.addLayer(layer);
}

/** The tile query each map's report layer uses now (its filter). */
const tileParams = new WeakMap<MapLibreMap, Record<string, string>>();

/** Shows only the reports `filter` asks for: the filter becomes the report tiles' query. */
export function setReportFilter(map: MapLibreMap, filter: ReportFilter): void {
  const params = reportFilterParams(filter);
  tileParams.set(map, params);
  map.getSource<VectorTileSource>(REPORTS_SOURCE)?.setTiles([reportTilesUrl(params)]);
}

/**
 * Makes the map fetch the report tiles again, so a report filed a moment ago shows. The query
 * parameter changes the tile addresses, which passes by the browser's HTTP cache too.
 */
export function refreshReports(map: MapLibreMap): void {
  const source = map.getSource<VectorTileSource>(REPORTS_SOURCE);
  source?.setTiles([reportTilesUrl({ ...tileParams.get(map), v: Date.now().toString(36) })]);
}
