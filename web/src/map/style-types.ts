/**
 * Style specification types, derived from what maplibre-gl's own API accepts (it does not
 * re-export them, and the style-spec package is not a dependency of ours).
 */
import type { MapOptions } from 'maplibre-gl';

export type StyleSpecification = Exclude<NonNullable<MapOptions['style']>, string>;
export type LayerSpecification = StyleSpecification['layers'][number];
export type SourceSpecification = StyleSpecification['sources'][string];

export type BackgroundLayerSpecification = Extract<LayerSpecification, { type: 'background' }>;
export type FillLayerSpecification = Extract<LayerSpecification, { type: 'fill' }>;
export type LineLayerSpecification = Extract<LayerSpecification, { type: 'line' }>;
export type SymbolLayerSpecification = Extract<LayerSpecification, { type: 'symbol' }>;
export type CircleLayerSpecification = Extract<LayerSpecification, { type: 'circle' }>;

export type VectorSourceSpecification = Extract<SourceSpecification, { type: 'vector' }>;
export type GeoJSONSourceSpecification = Extract<SourceSpecification, { type: 'geojson' }>;

/** What a circle layer's `circle-color` accepts: a colour or an expression. */
export type CircleColour = NonNullable<NonNullable<CircleLayerSpecification['paint']>['circle-color']>;
