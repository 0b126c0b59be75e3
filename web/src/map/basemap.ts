/**
 * The basemap. By default an offline one built from the API alone: land, the city's districts
 * in a lighter tone, their outlines and names. No tiles, sprites or glyphs come from anywhere:
 * the style has no `glyphs` property, so MapLibre draws label text locally (TinySDF).
 * When the server names a basemap style (BASEMAP_STYLE_URL), that style is used instead and the
 * districts are drawn over it.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { DistrictCollection } from '../api.ts';
import { districtLabelPoints } from './geometry.ts';
import type {
  FillLayerSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
  LineLayerSpecification,
  StyleSpecification,
  SymbolLayerSpecification,
} from './style-types.ts';

export const DISTRICTS_SOURCE = 'districts';
export const DISTRICT_LABELS_SOURCE = 'district-labels';

export const BASEMAP_COLOURS = {
  land: '#e4e0d6',
  city: '#f8f7f3',
  outline: '#8f887c',
  label: '#3d3a35',
  labelHalo: '#ffffff',
} as const;

/**
 * The label font. With no `glyphs` URL MapLibre asks the browser for this family and falls back
 * to sans-serif; the weight is read from the name.
 */
const LABEL_FONT = ['Noto Sans Semibold'];

interface DistrictLayerOptions {
  /** Fill the districts: opaque on the offline basemap, a faint tint over a full basemap. */
  fillOpacity: number;
  /** The font stack for labels; null leaves the labels out. */
  labelFont: string[] | null;
}

function districtLayers({ fillOpacity, labelFont }: DistrictLayerOptions): LayerSpecification[] {
  const fill: FillLayerSpecification = {
    id: 'districts-fill',
    type: 'fill',
    source: DISTRICTS_SOURCE,
    paint: { 'fill-color': BASEMAP_COLOURS.city, 'fill-opacity': fillOpacity },
  };
  const outline: LineLayerSpecification = {
    id: 'districts-outline',
    type: 'line',
    source: DISTRICTS_SOURCE,
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': BASEMAP_COLOURS.outline,
      'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.6, 12, 1.2, 15, 2],
    },
  };
  const labels: SymbolLayerSpecification | null = labelFont && {
    id: 'district-labels',
    type: 'symbol',
    source: DISTRICT_LABELS_SOURCE,
    minzoom: 9.5,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': labelFont,
      'text-size': ['interpolate', ['linear'], ['zoom'], 10, 11, 13, 14, 16, 17],
      'text-max-width': 8,
      'text-padding': 4,
      'text-letter-spacing': 0.02,
    },
    paint: {
      'text-color': BASEMAP_COLOURS.label,
      'text-halo-color': BASEMAP_COLOURS.labelHalo,
      'text-halo-width': 1.5,
      'text-halo-blur': 0.5,
    },
  };
  return labels ? [fill, outline, labels] : [fill, outline];
}

function districtSources(districts: DistrictCollection): Record<string, GeoJSONSourceSpecification> {
  return {
    [DISTRICTS_SOURCE]: { type: 'geojson', data: districts },
    [DISTRICT_LABELS_SOURCE]: { type: 'geojson', data: districtLabelPoints(districts) },
  };
}

/** The offline basemap style: everything it draws comes from `districts`. */
export function offlineStyle(districts: DistrictCollection): StyleSpecification {
  return {
    version: 8,
    name: 'ordermap offline basemap',
    sources: districtSources(districts),
    layers: [
      { id: 'land', type: 'background', paint: { 'background-color': BASEMAP_COLOURS.land } },
      ...districtLayers({ fillOpacity: 1, labelFont: LABEL_FONT }),
    ],
  };
}

/**
 * The font stack a loaded style already labels with, so district names use fonts its glyphs
 * server has. Null when the style has a glyphs URL but no text layer to copy from.
 */
export function fontOfStyle(style: StyleSpecification): string[] | null {
  if (!style.glyphs) return LABEL_FONT;
  for (const layer of style.layers) {
    if (layer.type !== 'symbol') continue;
    const font = layer.layout?.['text-font'];
    if (Array.isArray(font) && font.every((f) => typeof f === 'string')) return font as string[];
  }
  return null;
}

/** Draws the districts over a full basemap style once it has loaded. */
export function addDistrictOverlay(map: MapLibreMap, districts: DistrictCollection): void {
  for (const [id, source] of Object.entries(districtSources(districts))) {
    if (!map.getSource(id)) map.addSource(id, source);
  }
  const layers = districtLayers({ fillOpacity: 0.25, labelFont: fontOfStyle(map.getStyle()) });
  for (const layer of layers) if (!map.getLayer(layer.id)) map.addLayer(layer);
}
