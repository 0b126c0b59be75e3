/** The public order map: loads the city, draws the map, and wires clicks to the report popups. */
import type { Map as MapLibreMap, PointLike, LngLatLike } from 'maplibre-gl';
import { getCategories, getCities, getClientConfig, getDistricts, type BBox, type Category, type City } from '../api.ts';
import { groupCategories } from '../category-picker.ts';
import { append, byId, h, uid } from '../dom.ts';
import { describeError } from '../errors.ts';
import { currentPosition } from '../geo.ts';
import { groupName, lang, languageSwitchHref, localName, statusName, t, translateDocument } from '../i18n.ts';
import { CLUSTER_LAYER, CLUSTER_SINGLE_LAYER, colourClustersByCategory, expandCluster } from '../map/clusters.ts';
import { createMap } from '../map/create-map.ts';
import { unionBBox } from '../map/geometry.ts';
import { REPORTS_LAYER, STATUS_COLOURS, refreshReports, setReportFilter } from '../map/layers.ts';
import { FILTER_STATUSES, readReportFilter, writeReportFilter, type ReportFilter } from '../map/report-filter.ts';
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
}

/** The legend names the colour of every status the map shows. */
function drawLegend(statuses: readonly string[]): void {
  const legend = byId('legend-list');
  legend.replaceChildren();
  for (const status of FILTER_STATUSES.filter((s) => statuses.includes(s))) {
    const colour = STATUS_COLOURS.find(([s]) => s === status)?.[1] ?? '#495057';
    const swatch = h('span', { class: 'legend-swatch', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = colour;
    append(legend, h('li', {}, swatch, statusName(status)));
  }
}

/**
 * The category and status filters: each change re-queries the report tiles and is written into
 * the address, so a filtered view can be shared.
 */
function buildFilters(categories: readonly Category[], initial: ReportFilter, onChange: (f: ReportFilter) => void): void {
  const ids = { category: uid('filter-category'), statusError: uid('filter-status-error') };
  const category = h('select', { id: ids.category, name: 'filter-category' });
  append(category, h('option', { value: '' }, t('filter.allCategories')));
  for (const [group, list] of groupCategories(categories)) {
    const optgroup = h('optgroup', { label: groupName(group) });
    for (const c of list) append(optgroup, h('option', { value: c.code }, localName(c)));
    append(category, optgroup);
  }
  category.value = initial.category ?? '';
  const error = h('p', { id: ids.statusError, class: 'field-error', hidden: true, role: 'alert' }, t('filter.noneChecked'));
  const boxes = FILTER_STATUSES.map((status) => {
    const box = h('input', { type: 'checkbox', name: 'filter-status', value: status, checked: initial.statuses.includes(status) });
    return { box, label: h('label', { class: 'check' }, box, statusName(status)) };
  });
  const fieldset = h('fieldset', { class: 'filter-statuses', 'aria-describedby': ids.statusError }, h('legend', {}, t('filter.status')), ...boxes.map((b) => b.label), error);
  const changed = () => {
    const statuses = boxes.filter((b) => b.box.checked).map((b) => b.box.value);
    error.hidden = statuses.length > 0;
    if (statuses.length === 0) return;
    onChange({ statuses, category: category.value || null });
  };
  category.addEventListener('change', changed);
  for (const b of boxes) b.box.addEventListener('change', changed);
  byId('filters-body').replaceChildren(
    h('div', { class: 'field' }, h('label', { for: ids.category }, t('filter.category')), category),
    fieldset,
  );
  if (initial.category || initial.statuses.join() !== 'new,acknowledged,in_progress') (byId('filters') as HTMLDetailsElement).open = true;
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
    // The centre is a starting point, not a chosen spot: a photo with GPS may still move it.
    form.openAt(map.getCenter(), reportHere, 'centre');
  });

  const locateMe = byId<HTMLButtonElement>('locate-me');
  locateMe.disabled = false;
  locateMe.addEventListener('click', () => {
    locateMe.disabled = true;
    showStatus(t('geo.locating'));
    currentPosition()
      .then((p) => {
        showStatus('');
        details.close();
        map.jumpTo({ center: [p.lon, p.lat], zoom: Math.max(map.getZoom(), 16) });
        form.openAt([p.lon, p.lat], locateMe, 'device');
      })
      .catch((err: unknown) => showStatus(t('geo.unavailable', { reason: err instanceof Error ? err.message : String(err) }), true))
      .finally(() => {
        locateMe.disabled = false;
      });
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
  const filter = readReportFilter(location.search, categories.map((c) => c.code));
  setReportFilter(map, filter);
  drawLegend(filter.statuses);
  buildFilters(categories, filter, (f) => {
    setReportFilter(map, f);
    drawLegend(f.statuses);
    history.replaceState(null, '', location.pathname + writeReportFilter(location.search, f) + location.hash);
    byId<HTMLAnchorElement>('lang-switch').href = languageSwitchHref(lang === 'pl' ? 'en' : 'pl');
  });
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
