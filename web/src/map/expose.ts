/**
 * Makes a page's map reachable as `window.ordermap.maps[name]`: read-only inspection from the
 * developer console and the browser tests (which features are drawn where). Nothing reads it.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    ordermap?: { maps: Record<string, MapLibreMap> };
  }
}

export function exposeMap(name: string, map: MapLibreMap): void {
  window.ordermap ??= { maps: {} };
  window.ordermap.maps[name] = map;
}
