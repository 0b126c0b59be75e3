/**
 * The planner dashboard (`/planner`, planners and admins): hexagon counts and Gi* hot spots on the
 * map, a time series, the departments' service levels and exports, all under one set of filters
 * that the address keeps (so a view can be bookmarked or shared).
 */
import type { StaffUser } from '../api.ts';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import {
  ApiError,
  exportUrl,
  getCategories,
  getCities,
  getClientConfig,
  getDepartmentFigures,
  getDistricts,
  getHexbins,
  getHotspots,
  getTimeseries,
  type Category,
  type DepartmentFigures,
  type Interval,
} from '../api.ts';
import { append, h, uid } from '../dom.ts';
import { describeError } from '../errors.ts';
import { hotspotClassName, lang, localName, statusName, t } from '../i18n.ts';
import { createMap } from '../map/create-map.ts';
import { exposeMap } from '../map/expose.ts';
import { unionBBox } from '../map/geometry.ts';
import { REPORTS_LAYER } from '../map/layers.ts';
import { pageHref } from '../router.ts';
import { SeriesChart } from '../planner/chart.ts';
import {
  HEXBIN_LAYER,
  HEXBIN_SOURCE,
  HOTSPOT_CLASSES,
  HOTSPOT_LAYER,
  HOTSPOT_SOURCE,
  countBreaks,
  countLegend,
  hexbinLayers,
  hotspotLayers,
} from '../planner/cell-layers.ts';
import { chartColumns, seriesSummary } from '../planner/series.ts';
import { CELL_SIZES, STATUSES, filtersOf, readState, writeQuery, type DashboardState, type LayerChoice } from '../planner/state.ts';
import { setStatus } from './shell.ts';
import { mountStaffPage } from './staff-page.ts';

const empty = () => ({ type: 'FeatureCollection' as const, features: [] });

export function showPlanner(): void {
  mountStaffPage({
    path: '/planner',
    title: t('planner.title'),
    mainClass: 'dash',
    heading: false,
    loading: t('planner.loading'),
    roles: ['planner', 'admin'],
    forbidden: t('planner.forbidden'),
    start,
  });
}

async function start(main: HTMLElement, status: HTMLElement, user: StaffUser): Promise<void> {
  const [config, cities, categories, districts, departments] = await Promise.all([
    getClientConfig(),
    getCities(),
    getCategories(),
    getDistricts(),
    getDepartmentFigures({}),
  ]);
  const state = readState(location.search);
  const view = buildLayout(main, state, categories, departments);
  const bbox = unionBBox(cities.map((c) => c.bbox));
  if (!bbox) throw new Error(t('app.noCities'));
  const map = await createMap({ container: view.map, bbox, districts, basemapStyleUrl: config.basemap_style_url });
  // The dashboard shows aggregates; the individual report points would only hide them.
  map.setLayoutProperty(REPORTS_LAYER, 'visibility', 'none');
  addCellLayers(map);
  exposeMap('planner', map);
  const chart = new SeriesChart(view.chart);
  const categoryName = new Map(categories.map((c) => [c.code, localName(c)]));
  const lineLabel = (key: string) =>
    key === '__total' ? t('planner.total') : key === '__other' ? t('planner.otherCategories') : (categoryName.get(key) ?? key);

  let inFlight: AbortController | null = null;
  const refresh = async () => {
    Object.assign(state, view.read());
    history.replaceState(null, '', `${location.pathname}?${writeQuery(state, location.search)}`);
    inFlight?.abort();
    const request = (inFlight = new AbortController());
    const signal = request.signal;
    const f = filtersOf(state);
    view.csv.href = exportUrl('csv', f);
    view.geojson.href = exportUrl('geojson', f);
    setStatus(status, t('planner.loading'));
    try {
      const wantHot = state.layer !== 'hexbins';
      const wantHex = state.layer !== 'hotspots';
      const [hot, hex, series, figures] = await Promise.all([
        wantHot ? getHotspots(f, state.cell, signal) : null,
        wantHex ? getHexbins(f, state.cell, signal) : null,
        getTimeseries(f, state.interval, signal),
        getDepartmentFigures(f, signal),
      ]);
      if (signal.aborted) return;
      map.getSource<GeoJSONSource>(HOTSPOT_SOURCE)?.setData(hot ?? empty());
      const breaks = countBreaks(hex?.features.map((c) => c.properties.count) ?? []);
      map.getSource<GeoJSONSource>(HEXBIN_SOURCE)?.setData(hex ?? empty());
      const [hexFill] = hexbinLayers(breaks);
      map.setPaintProperty(HEXBIN_LAYER, 'fill-color', hexFill.paint?.['fill-color']);
      for (const id of [HOTSPOT_LAYER, `${HOTSPOT_LAYER}-outline`]) map.setLayoutProperty(id, 'visibility', wantHot ? 'visible' : 'none');
      for (const id of [HEXBIN_LAYER, `${HEXBIN_LAYER}-outline`]) map.setLayoutProperty(id, 'visibility', wantHex ? 'visible' : 'none');
      renderLegend(view.legend, wantHot, wantHex ? breaks : null, {
        hotCells: hot?.features.filter((c) => c.properties.class.startsWith('hot')).length ?? 0,
        bandM: hot?.band_m ?? null,
      });

      const columns = chartColumns(series, state.byCategory);
      chart.show(columns, lineLabel, lang, t('planner.period'));
      const summary = seriesSummary(columns);
      view.chartSummary.textContent = summary.peak
        ? t('planner.chartSummary', { total: summary.total, peak: summary.peak.n, period: summary.peak.period })
        : t('planner.noData');
      renderTable(view.table, figures);
      setStatus(status, '');
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof ApiError && err.status === 401) {
        // The session ended (expired or signed out elsewhere): sign in again and come back here.
        location.assign(pageHref(`/staff?next=${encodeURIComponent(location.pathname + location.search)}`));
        return;
      }
      setStatus(status, describeError(err), true);
    }
  };
  view.form.addEventListener('change', () => void refresh());
  for (const c of view.outside) c.addEventListener('change', () => void refresh());
  view.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void refresh();
  });
  await refresh();
}

function addCellLayers(map: MapLibreMap): void {
  map.addSource(HEXBIN_SOURCE, { type: 'geojson', data: empty() });
  map.addSource(HOTSPOT_SOURCE, { type: 'geojson', data: empty() });
  // Under the district labels, so names stay readable over the cells.
  const before = map.getLayer('district-labels') ? 'district-labels' : undefined;
  for (const layer of [...hexbinLayers([1]), ...hotspotLayers()]) map.addLayer(layer, before);
}

interface Layout {
  form: HTMLFormElement;
  /** Controls of the form placed outside it (beside the chart). */
  outside: HTMLElement[];
  read(): Partial<DashboardState>;
  map: HTMLElement;
  legend: HTMLElement;
  chart: HTMLElement;
  chartSummary: HTMLElement;
  table: HTMLElement;
  csv: HTMLAnchorElement;
  geojson: HTMLAnchorElement;
}

function field(label: string, control: HTMLElement): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function select(name: string, options: Array<[value: string, label: string]>, value: string): HTMLSelectElement {
  const el = h('select', { name });
  for (const [v, l] of options) append(el, h('option', { value: v, selected: v === value }, l));
  return el;
}

function buildLayout(main: HTMLElement, s: DashboardState, categories: readonly Category[], departments: readonly DepartmentFigures[]): Layout {
  const from = h('input', { type: 'date', name: 'from', value: s.from, required: true });
  const to = h('input', { type: 'date', name: 'to', value: s.to, required: true });
  const category = select('category', [['', t('planner.all')], ...categories.map((c): [string, string] => [c.code, localName(c)])], s.category);
  const status = select('status', [['', t('planner.all')], ...STATUSES.map((c): [string, string] => [c, statusName(c)])], s.status);
  const department = select('department', [['', t('planner.all')], ...departments.map((d): [string, string] => [d.code, localName(d)])], s.department);
  const cell = select('cell', CELL_SIZES.map((c): [string, string] => [String(c), t('planner.metres', { m: c })]), String(s.cell));
  const layer = select('layer', [['hotspots', t('planner.layerHotspots')], ['hexbins', t('planner.layerHexbins')], ['both', t('planner.layerBoth')]], s.layer);
  const interval = select('interval', [['day', t('planner.day')], ['week', t('planner.week')], ['month', t('planner.month')]], s.interval);
  const by = select('by', [['category', t('planner.byCategory')], ['total', t('planner.total')]], s.byCategory ? 'category' : 'total');

  const form = h(
    'form',
    { class: 'dash-filters', 'aria-labelledby': 'filters-title' },
    h('h2', { id: 'filters-title', class: 'visually-hidden' }, t('planner.filters')),
    field(t('planner.from'), from),
    field(t('planner.to'), to),
    field(t('form.category'), category),
    field(t('planner.status'), status),
    field(t('planner.department'), department),
    field(t('planner.cell'), cell),
    field(t('planner.layer'), layer),
    h('div', { class: 'field field-button' }, h('button', { type: 'submit', class: 'button button-primary' }, t('planner.apply'))),
  );
  const mapEl = h('div', { class: 'dash-map-canvas', role: 'region', 'aria-label': t('planner.mapLabel') });
  const legend = h('div', { class: 'dash-legend', 'aria-live': 'polite' });
  const chartEl = h('div', { class: 'dash-chart-canvas', 'aria-hidden': 'true' });
  const chartSummary = h('p', { class: 'dash-chart-summary' });
  const table = h('div', { class: 'dash-table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'sla-title' });
  const csv = h('a', { class: 'button button-link', href: '#', download: 'reports.csv' }, t('planner.exportCsv'));
  const geojson = h('a', { class: 'button button-link', href: '#', download: 'reports.geojson' }, t('planner.exportGeojson'));

  append(
    main,
    h('h1', { class: 'dash-title' }, t('planner.title')),
    form,
    h('section', { class: 'dash-map', 'aria-labelledby': 'map-title' }, h('h2', { id: 'map-title', class: 'visually-hidden' }, t('planner.mapLabel')), mapEl, legend),
    h(
      'section',
      { class: 'dash-chart', 'aria-labelledby': 'chart-title' },
      h('h2', { id: 'chart-title' }, t('planner.chartTitle')),
      h('div', { class: 'dash-chart-controls' }, field(t('planner.interval'), interval), field(t('planner.lines'), by)),
      chartSummary,
      chartEl,
    ),
    h('section', { class: 'dash-sla' }, h('h2', { id: 'sla-title' }, t('planner.slaTitle')), table),
    h('section', { class: 'dash-export', 'aria-labelledby': 'export-title' }, h('h2', { id: 'export-title' }, t('planner.exportTitle')), h('p', { class: 'field-help' }, t('planner.exportHelp')), h('div', { class: 'form-actions form-actions-start' }, csv, geojson)),
  );
  // The chart's controls live beside the chart but filter like the rest of the form.
  for (const c of [interval, by]) c.setAttribute('form', 'dash-filters-form');
  form.id = 'dash-filters-form';

  return {
    form,
    outside: [interval, by],
    read: () => ({
      from: from.value || s.from,
      to: to.value || s.to,
      category: category.value,
      status: status.value,
      department: department.value,
      cell: Number(cell.value),
      layer: layer.value as LayerChoice,
      interval: interval.value as Interval,
      byCategory: by.value !== 'total',
    }),
    map: mapEl,
    legend,
    chart: chartEl,
    chartSummary,
    table,
    csv,
    geojson,
  };
}

function renderLegend(el: HTMLElement, hot: boolean, breaks: number[] | null, info: { hotCells: number; bandM: number | null }): void {
  el.replaceChildren();
  if (hot) {
    const list = h('ul', { class: 'legend-list' });
    for (const [cls, colour] of HOTSPOT_CLASSES) {
      const swatch = h('span', { class: 'legend-cell', 'aria-hidden': 'true' });
      swatch.style.backgroundColor = colour;
      append(list, h('li', { 'data-class': cls }, swatch, hotspotClassName(cls)));
    }
    append(el, h('h3', { class: 'legend-title' }, t('planner.legendHotspots')), list, h('p', { class: 'field-help' }, t('planner.hotCells', { n: info.hotCells }), info.bandM ? ` · ${t('planner.band', { m: info.bandM })}` : null));
  }
  if (breaks) {
    const list = h('ul', { class: 'legend-list' });
    for (const { label, colour } of countLegend(breaks)) {
      const swatch = h('span', { class: 'legend-cell', 'aria-hidden': 'true' });
      swatch.style.backgroundColor = colour;
      append(list, h('li', {}, swatch, label));
    }
    append(el, h('h3', { class: 'legend-title' }, t('planner.legendHexbins')), list);
  }
}

function renderTable(el: HTMLElement, rows: readonly DepartmentFigures[]): void {
  const hours = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const share = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const num = (v: number | null, f: Intl.NumberFormat) => (v === null || v === undefined ? '–' : f.format(v));
  const heads = ['planner.colDepartment', 'planner.colBacklog', 'planner.colInPeriod', 'planner.colAckMedian', 'planner.colAckP90', 'planner.colResolveMedian', 'planner.colResolveP90', 'planner.colClosedNotFixed'] as const;
  const table = h(
    'table',
    { class: 'dash-table' },
    h('caption', { class: 'visually-hidden' }, t('planner.slaTitle')),
    h('thead', {}, h('tr', {}, ...heads.map((k, i) => h('th', { scope: 'col', class: i > 0 ? 'num' : null }, t(k))))),
  );
  const body = h('tbody');
  for (const d of rows) {
    append(
      body,
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, localName(d)),
        h('td', { class: 'num' }, String(d.open_backlog)),
        h('td', { class: 'num' }, String(d.reports_in_period)),
        h('td', { class: 'num' }, num(d.ack_median_h, hours)),
        h('td', { class: 'num' }, num(d.ack_p90_h, hours)),
        h('td', { class: 'num' }, num(d.resolve_median_h, hours)),
        h('td', { class: 'num' }, num(d.resolve_p90_h, hours)),
        h('td', { class: 'num' }, num(d.closed_not_fixed_share, share)),
      ),
    );
  }
  append(table, body);
  el.replaceChildren(table);
}
