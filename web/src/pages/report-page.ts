/**
 * One report's page (`/r/GD-2026-000123`): where it is on a small map, what it is, who handles it,
 * its photos and its public history. Everything the resident wrote is shown as text.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ApiError, getCategories, getClientConfig, getDistricts, getReport, type ReportEvent, type ReportWithHistory } from '../api.ts';
import { append, h } from '../dom.ts';
import { describeError } from '../errors.ts';
import { formatDateTime, localName, statusName, t } from '../i18n.ts';
import { createMap } from '../map/create-map.ts';
import { exposeMap } from '../map/expose.ts';
import { STATUS_COLOURS } from '../map/layers.ts';
import { photoUrls } from '../photos.ts';
import { mountShell, notice, setStatus, statusLine } from './shell.ts';

/** How far around the report the small map shows, in degrees (about 300 m). */
const VIEW_HALF_SPAN = 0.003;

export function showReportPage(ref: string): void {
  const main = mountShell({ title: ref, mainClass: 'page-narrow report-page' });
  const status = statusLine();
  append(main, status);
  setStatus(status, t('report.loading'));
  load(main, status, ref).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) {
      setStatus(status, '');
      notice(main, 'reportPage.notFoundTitle', 'reportPage.notFoundText');
      return;
    }
    setStatus(status, describeError(err), true);
  });
}

async function load(main: HTMLElement, status: HTMLElement, ref: string): Promise<void> {
  const [report, categories] = await Promise.all([getReport(ref), getCategories()]);
  const category = categories.find((c) => c.code === report.category);
  const title = category ? localName(category) : report.category;
  document.title = `${title} ${report.ref} – ${t('app.title')}`;
  const dot = h('span', { class: 'status-dot', 'aria-hidden': 'true' });
  dot.style.backgroundColor = STATUS_COLOURS.find(([s]) => s === report.status)?.[1] ?? '#495057';
  const mapEl = h('div', { class: 'report-map', role: 'region', 'aria-label': t('reportPage.mapLabel') });

  append(
    main,
    h('h1', {}, title, ' ', h('span', { class: 'report-page-ref' }, report.ref)),
    h('p', { class: 'report-status report-page-status' }, dot, t('report.status', { status: statusName(report.status) })),
    mapEl,
    h(
      'dl',
      { class: 'report-facts' },
      fact(t('reportPage.department'), localName(report.department)),
      report.district ? fact(t('reportPage.district'), report.district) : null,
      fact(t('reportPage.created'), formatDateTime(report.created_at)),
      report.supporters > 1 ? fact(t('reportPage.supporters'), String(report.supporters)) : null,
      fact(t('reportPage.location'), `${report.lat.toFixed(5)}, ${report.lon.toFixed(5)}`),
    ),
    h('h2', {}, t('form.description')),
    report.description ? h('p', { class: 'report-description' }, report.description) : h('p', { class: 'field-help' }, t('reportPage.noDescription')),
    photoSection(report),
    h('h2', {}, t('reportPage.timeline')),
    timeline(report.history),
  );
  setStatus(status, '');
  void drawMap(mapEl, report).catch((err: unknown) => {
    mapEl.replaceChildren(h('p', { class: 'form-alert' }, describeError(err)));
  });
}

function fact(term: string, value: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  append(frag, h('dt', {}, term), h('dd', {}, value));
  return frag;
}

async function drawMap(container: HTMLElement, report: ReportWithHistory): Promise<MapLibreMap> {
  const [config, districts] = await Promise.all([getClientConfig(), getDistricts()]);
  const map = await createMap({
    container,
    bbox: [report.lon - VIEW_HALF_SPAN, report.lat - VIEW_HALF_SPAN / 1.7, report.lon + VIEW_HALF_SPAN, report.lat + VIEW_HALF_SPAN / 1.7],
    districts,
    basemapStyleUrl: config.basemap_style_url,
  });
  map.addSource('this-report', {
    type: 'geojson',
    data: { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [report.lon, report.lat] } },
  });
  map.addLayer({
    id: 'this-report',
    type: 'circle',
    source: 'this-report',
    paint: { 'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#1f2328', 'circle-stroke-width': 3 },
  });
  exposeMap('report', map);
  return map;
}

function photoSection(report: ReportWithHistory): HTMLElement | null {
  const photos = photoUrls(report.photos, location.origin);
  if (photos.length === 0) return null;
  const list = h('ul', { class: 'report-photos' });
  photos.forEach((p, i) => {
    append(
      list,
      h('li', {}, h('a', { href: p.full }, h('img', { src: p.thumb, alt: t('reportPage.photoAlt', { n: i + 1 }), loading: 'lazy' }))),
    );
  });
  return h('section', { 'aria-labelledby': 'photos-title' }, h('h2', { id: 'photos-title' }, t('reportPage.photos')), list);
}

/** One sentence per public event. */
export function eventText(e: ReportEvent): string {
  switch (e.kind) {
    case 'created':
      return t('timeline.created');
    case 'status':
      return e.from ? t('timeline.statusFromTo', { from: statusName(e.from), to: statusName(e.to ?? '') }) : t('timeline.status', { to: statusName(e.to ?? '') });
    case 'department':
      return t('timeline.department');
    case 'merge':
      return t('timeline.merge');
    case 'support':
      return t('timeline.support');
    default:
      return t('timeline.other');
  }
}

function timeline(events: readonly ReportEvent[]): HTMLElement {
  if (events.length === 0) return h('p', { class: 'field-help' }, t('timeline.empty'));
  const list = h('ol', { class: 'timeline' });
  for (const e of events) {
    append(
      list,
      h(
        'li',
        {},
        h('time', { datetime: e.at }, formatDateTime(e.at)),
        h('span', { class: 'timeline-what' }, eventText(e)),
        e.note ? h('span', { class: 'timeline-note' }, e.note) : null,
      ),
    );
  }
  return list;
}
