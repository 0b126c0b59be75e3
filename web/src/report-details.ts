/** A small card for one report on the map: category, status, age, a photo, supporters and a link to its page. */
import { Popup, type LngLatLike, type Map as MapLibreMap } from 'maplibre-gl';
import { getReport, type Category, type ReportWithHistory } from './api.ts';
import { append, h, uid } from './dom.ts';
import { describeError } from './errors.ts';
import { formatAge, formatDateTime, localName, statusName, t } from './i18n.ts';
import { photoUrls } from './photos.ts';
import { STATUS_COLOURS } from './map/layers.ts';
import { closeOnEscape, keepPopupInView } from './map/popups.ts';
import { reportHref } from './router.ts';

export class ReportDetails {
  readonly #map: MapLibreMap;
  readonly #categories: Map<string, Category>;
  readonly #popup: Popup;
  readonly #root: HTMLElement;
  #request: AbortController | null = null;

  constructor(map: MapLibreMap, categories: readonly Category[]) {
    this.#map = map;
    this.#categories = new Map(categories.map((c) => [c.code, c]));
    this.#root = h('section', { class: 'report-details', 'aria-live': 'polite' });
    this.#popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '300px', className: 'details-popup', offset: 10 })
      .setDOMContent(this.#root);
    this.#popup.on('close', () => this.#request?.abort());
    closeOnEscape(this.#popup, () => this.#map.getCanvas());
  }

  /** Opens the popup at `lngLat` and fills it with report `id` from the API. */
  async show(id: number | string, lngLat: LngLatLike): Promise<void> {
    this.#request?.abort();
    const request = (this.#request = new AbortController());
    this.#root.replaceChildren(h('p', { class: 'popup-loading' }, t('report.loading')));
    this.#popup.setLngLat(lngLat);
    if (!this.#popup.isOpen()) this.#popup.addTo(this.#map);
    try {
      const report = await getReport(id, request.signal);
      if (request.signal.aborted) return;
      this.#render(report);
    } catch (err) {
      if (request.signal.aborted) return;
      this.#root.replaceChildren(h('p', { class: 'form-alert', role: 'alert' }, describeError(err)));
    }
    requestAnimationFrame(() => keepPopupInView(this.#map, this.#popup));
  }

  close(): void {
    this.#popup.remove();
  }

  #render(report: ReportWithHistory): void {
    const category = this.#categories.get(report.category);
    const colour = STATUS_COLOURS.find(([status]) => status === report.status)?.[1];
    const titleId = uid('report-title');
    const dot = h('span', { class: 'status-dot', 'aria-hidden': 'true' });
    if (colour) dot.style.backgroundColor = colour;
    this.#root.setAttribute('aria-labelledby', titleId);
    this.#root.replaceChildren();
    append(
      this.#root,
      h('h2', { id: titleId, class: 'popup-title' }, category ? localName(category) : report.category),
      h(
        'p',
        { class: 'report-status' },
        dot,
        t('report.status', { status: statusName(report.status) }),
      ),
      h('p', { class: 'report-ref' }, t('report.ref', { ref: report.ref })),
      report.district ? h('p', {}, t('report.district', { district: report.district })) : null,
      h('p', {}, t('report.department', { department: localName(report.department) })),
      h('p', {}, h('time', { datetime: report.created_at, title: formatDateTime(report.created_at) }, t('report.age', { age: formatAge(report.created_at) }))),
      h('p', { class: 'report-supporters' }, t('report.supportersAlways', { count: report.supporters })),
      thumbnail(report),
      report.description ? h('p', { class: 'report-description' }, report.description) : null,
      h('p', { class: 'report-link' }, h('a', { href: reportHref(report.ref) }, t('report.open'))),
    );
  }
}

/** The report's first photo as a small picture linking to the full size, or nothing. */
function thumbnail(report: ReportWithHistory): HTMLElement | null {
  const photo = photoUrls(report.photos, location.origin)[0];
  if (!photo) return null;
  return h(
    'p',
    { class: 'report-thumb' },
    h('a', { href: photo.full, target: '_blank', rel: 'noopener' }, h('img', { src: photo.thumb, alt: t('report.photoAlt'), width: 160, height: 120 })),
  );
}
