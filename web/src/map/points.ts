/** A GeoJSON point layer a staff screen draws its own reports with (tasks, a queue), coloured by status. */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { STATUS_COLOURS } from './layers.ts';
import type { CircleColour } from './style-types.ts';

export interface MapPoint {
  id: number;
  lat: number;
  lon: number;
  status: string;
}

const statusColour = ['match', ['get', 'status'], ...STATUS_COLOURS.flatMap(([s, c]) => [s, c]), '#495057'] as unknown as CircleColour;

/** Adds source and circle layer `name` (empty) and, for `you`, the device's position as a blue dot. */
export function addPointLayers(map: MapLibreMap, name: string): void {
  map.addSource(name, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: name,
    type: 'circle',
    source: name,
    paint: {
      'circle-color': statusColour,
      'circle-radius': ['case', ['boolean', ['feature-state', 'selected'], false], 11, 8],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addSource(`${name}-you`, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: `${name}-you`,
    type: 'circle',
    source: `${name}-you`,
    paint: { 'circle-color': '#1c7ed6', 'circle-radius': 7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
  });
}

/** Replaces the points of layer `name`. */
export function setPoints(map: MapLibreMap, name: string, points: readonly MapPoint[]): void {
  map.getSource<GeoJSONSource>(name)?.setData({
    type: 'FeatureCollection',
    features: points.map((p) => ({ type: 'Feature', id: p.id, properties: { status: p.status }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } })),
  });
}

/** Moves the "you are here" dot of layer `name` (null hides it). */
export function setYou(map: MapLibreMap, name: string, at: { lat: number; lon: number } | null): void {
  map.getSource<GeoJSONSource>(`${name}-you`)?.setData({
    type: 'FeatureCollection',
    features: at ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [at.lon, at.lat] } }] : [],
  });
}
