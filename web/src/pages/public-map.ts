/** The public order map: loads the city, draws the map, and wires clicks to the report popups. */
import type { Map as MapLibreMap, PointLike, LngLatLike } from 'maplibre-gl';
import { getCategories, getCities, getClientConfig, getDistricts, type BBox, type City } from '../api.ts';
import { append, byId, h } from '../dom.ts';
import { describeError } from '../errors.ts';
import { lang, languageSwitchHref, statusName, t, translateDocument } from '../i18n.ts';
import { CLUSTER_LAYER, CLUSTER_SINGLE_LAYER, colourClustersByCategory, expandCluster } from '../map/clusters.ts';
import { createMap } from '../map/create-map.ts';
import { unionBBox } from '../map/geometry.ts';
import { DEFAULT_STATUSES, REPORTS_LAYER, STATUS_COLOURS, refreshReports } from '../map/layers.ts';
import { ReportDetails } from '../report-details.ts';
import { ReportForm } from '../report-form.ts';
import { pageHref } from '../router.ts';
import { exposeMap } from '../map/expose.ts';

/** How far from a report's centre, in pixels, a click still picks it. */
const HIT_RADIUS = 6;

/** The cities to show: `?city=<code>` if the server serves it, otherwise all of them. */
function chooseCities(cities: readonly City[]): City[] {
  const asked = new URLSearchParams(location.search).get('city');
  const match = cities.filter((c) => c.code === asked);
  return match.length > 0 ? match : [...cities];
}

function setupChrome(): void {
  document.documentElement.lang = lang;
  document.title = t('app.title');
  translateDocument();

  const other = lang === 'pl' ? 'en' : 'pl';
  const link = byId<HTMLAnchorElement>('lang-switch');
  link.href = languageSwitchHref(other);
  link.lang = other;
  link.hreflang = other;
  link.textContent = t('app.otherLanguage');
  const staff = byId<HTMLAnchorElement>('staff-link');
  staff.href = pageHref('/staff');

  const legend = byId('legend-list');
  for (const status of DEFAULT_STATUSES) {
    const colour = STATUS_COLOURS.find(([s]) => s === status)?.[1] ?? '#495057';
    const swatch = h('span', { class: 'legend-swatch', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = colour;
    append(legend, h('li', {}, swatch, statusName(status)));
  }
}

function showStatus(message: string, isError = false): void {
  const status = byId('app-status');
  status.textContent = message;
  status.hidden = message === '';
  status.classList.toggle('app-status-error', isError);
}

/** The report under a click, if any: its id and where to anchor its popup. */
function reportAt(map: MapLibreMap, point: { x: number; y: number }): { id: number | string; lngLat: LngLatLike } | null {
  const box: [PointLike, PointLike] = [
    [point.x - HIT_RADIUS, point.y - HIT_RADIUS],
    [point.x + HIT_RADIUS, point.y + HIT_RADIUS],
  ];
  const feature = map.queryRenderedFeatures(box, { layers: [REPORTS_LAYER, CLUSTER_SINGLE_LAYER] })[0];
  const id = feature?.id ?? (feature?.properties.id as number | undefined);
  if (!feature || id === undefined) return null;
  const geometry = feature.geometry;
  const lngLat = geometry.type === 'Point' ? (geometry.coordinates as [number, number]) : map.unproject([point.x, point.y]);
  return { id, lngLat };
}

/** The cluster under a click, if any. */
function clusterAt(map: MapLibreMap, point: { x: number; y: number }): { id: number; center: [number, number] } | null {
  const feature = map.queryRenderedFeatures([point.x, point.y], { layers: [CLUSTER_LAYER] })[0];
  if (!feature || feature.geometry.type !== 'Point') return null;
  return { id: Number(feature.properties.cluster_id), center: feature.geometry.coordinates as [number, number] };
}

function wireMap(map: MapLibreMap, form: ReportForm, details: ReportDetails): void {
  map.on('click', (event) => {
    const cluster = clusterAt(map, event.point);
    if (cluster) {
      form.close();
      details.close();
      void expandCluster(map, cluster.id, cluster.center);
      return;
    }
    const report = reportAt(map, event.point);
    if (report) {
      form.close();
      void details.show(report.id, report.lngLat);
    } else {
      details.close();
      form.openAt(event.lngLat);
    }
  });
  const canvas = map.getCanvas();
  for (const layer of [REPORTS_LAYER, CLUSTER_LAYER, CLUSTER_SINGLE_LAYER]) {
    map.on('mouseenter', layer, () => canvas.classList.add('over-report'));
    map.on('mouseleave', layer, () => canvas.classList.remove('over-report'));
  }

  const reportHere = byId<HTMLButtonElement>('report-here');
  reportHere.disabled = false;
  reportHere.addEventListener('click', () => {
    details.close();
    form.openAt(map.getCenter(), reportHere);
  });
}

async function load(): Promise<void> {
  setupChrome();
  const [config, cities, categories, districts] = await Promise.all([
    getClientConfig(),
    getCities(),
    getCategories(),
    getDistricts(),
  ]);
  const shown = chooseCities(cities);
  const bbox: BBox | null = unionBBox(shown.map((c) => c.bbox));
  if (!bbox) {
    showStatus(t('app.noCities'), true);
    return;
  }
  const names = shown.map((c) => c.name).join(', ');
  byId('city-name').textContent = names;
  document.title = t('app.documentTitle', { city: names });

  const map = await createMap({
    container: byId('map'),
    bbox,
    districts,
    basemapStyleUrl: config.basemap_style_url,
  });
  colourClustersByCategory(map, categories);
  const form = new ReportForm({ map, categories, onCreated: () => refreshReports(map) });
  const details = new ReportDetails(map, categories);
  wireMap(map, form, details);
  exposeMap('public', map);
  showStatus('');
}

/** Shows the public map (the markup is index.html's own). */
export function showPublicMap(): void {
  load().catch((err: unknown) => {
    console.error(err);
    showStatus(t('app.loadFailed', { message: describeError(err) }), true);
  });
}
