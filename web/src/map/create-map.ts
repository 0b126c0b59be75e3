/** Creates the MapLibre map: basemap, districts and reports, fitted to the city. */
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type LngLatBoundsLike } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker is a separate module file; the bundle ships it under /assets/ and tells MapLibre where.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { BBox, DistrictCollection } from '../api.ts';
import { mapLibreLocale, t } from '../i18n.ts';
import { addDistrictOverlay, offlineStyle } from './basemap.ts';
import { addClusterLayers } from './clusters.ts';
import { addReportLayers } from './layers.ts';

setWorkerUrl(workerUrl);

export interface MapOptions {
  container: HTMLElement;
  /** The box to show first, [w, s, e, n]. */
  bbox: BBox;
  districts: DistrictCollection;
  /** A full basemap style to use instead of the offline one. */
  basemapStyleUrl: string | null;
  /** Draw the public report points (default); screens with their own points turn them off. */
  reports?: boolean;
}

const FIT_PADDING = 24;

/** Resolves once the map has loaded its style and every layer is in place. */
export function createMap({ container, bbox, districts, basemapStyleUrl, reports = true }: MapOptions): Promise<MapLibreMap> {
  const bounds: LngLatBoundsLike = [[bbox[0], bbox[1]], [bbox[2], bbox[3]]];
  const map = new MapLibreMap({
    container,
    style: basemapStyleUrl ? new URL(basemapStyleUrl, location.href).href : offlineStyle(districts),
    bounds,
    fitBoundsOptions: { padding: FIT_PADDING },
    locale: mapLibreLocale(),
    attributionControl: { compact: true },
    dragRotate: false,
    pitchWithRotate: false,
    maxPitch: 0,
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
  map.getCanvas().setAttribute('aria-label', t('map.label'));

  return new Promise((resolve, reject) => {
    // Until the map has loaded, an error (no WebGL, a basemap style that fails) means no map.
    const onError = (e: { error: { message: string } }) => reject(e.error instanceof Error ? e.error : new Error(e.error.message));
    map.on('error', onError);
    map.once('load', () => {
      map.off('error', onError);
      if (basemapStyleUrl) addDistrictOverlay(map, districts);
      if (reports) {
        addReportLayers(map);
        addClusterLayers(map);
      }
      resolve(map);
    });
  });
}
