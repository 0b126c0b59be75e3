/**
 * The report form's "similar reports nearby" box: open reports of the chosen category around the
 * pin (`/api/reports/nearby`), each with "this is my problem", and "no, mine is different" below.
 * Asked again, after a short pause, whenever the spot or the category changes.
 */
import { getNearby, type Category, type NearbyReport } from './api.ts';
import { append, h, uid } from './dom.ts';
import { formatAge, formatDistance, localName, statusName, t } from './i18n.ts';
import { reportHref } from './router.ts';

/** Wait this long after the spot or category changes before asking. */
const DELAY_MS = 200;

export interface NearbySuggestionsOptions {
  categories: readonly Category[];
  /** "This is my problem": support `report` instead of filing a new one. */
  onSupport: (report: NearbyReport) => void;
  /** "No, mine is different": file separately. */
  onDifferent: () => void;
  /** Called after the box changed size (the popup may need to pan). */
  onRendered: () => void;
}

export class NearbySuggestions {
  readonly element: HTMLElement;
  readonly #categories: Map<string, Category>;
  readonly #options: NearbySuggestionsOptions;
  #timer = 0;
  #request: AbortController | null = null;

  constructor(options: NearbySuggestionsOptions) {
    this.#options = options;
    this.#categories = new Map(options.categories.map((c) => [c.code, c]));
    this.element = h('section', { class: 'nearby', hidden: true, 'aria-live': 'polite' });
  }

  /** Asks for reports of `category` near `at` (soon); with either missing, hides the box. */
  update(at: { lat: number; lon: number } | null, category: string): void {
    clearTimeout(this.#timer);
    this.#request?.abort();
    if (!at || !category) {
      this.clear();
      return;
    }
    this.element.hidden = false;
    this.element.replaceChildren(h('p', { class: 'field-help' }, t('form.nearbyLoading')));
    this.#timer = window.setTimeout(() => void this.#load(at, category), DELAY_MS);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#request?.abort();
    this.element.hidden = true;
    this.element.replaceChildren();
  }

  /** Disables the box's buttons while a report is being sent. */
  setDisabled(disabled: boolean): void {
    for (const b of this.element.querySelectorAll('button')) b.disabled = disabled;
  }

  async #load(at: { lat: number; lon: number }, category: string): Promise<void> {
    const request = (this.#request = new AbortController());
    try {
      const answer = await getNearby(at, category, request.signal);
      if (!request.signal.aborted) this.#render(answer.reports);
    } catch (err) {
      if (request.signal.aborted || (err instanceof DOMException && err.name === 'AbortError')) return;
      // Suggestions are a help, not a condition: the resident can still send the report.
      this.element.hidden = true;
    }
  }

  #render(reports: NearbyReport[]): void {
    if (reports.length === 0) {
      this.element.removeAttribute('aria-labelledby');
      this.element.replaceChildren(h('p', { class: 'field-help nearby-none' }, t('form.nearbyNone')));
      this.#options.onRendered();
      return;
    }
    const titleId = uid('nearby-title');
    const list = h('ul', { class: 'nearby-list' });
    for (const r of reports) {
      const category = this.#categories.get(r.category);
      const mine = h('button', { type: 'button', class: 'button button-small button-primary', 'aria-label': t('form.thisIsMineLabel', { ref: r.ref }) }, t('form.thisIsMine'));
      mine.addEventListener('click', () => this.#options.onSupport(r));
      append(
        list,
        h(
          'li',
          { class: 'nearby-item' },
          h('p', { class: 'nearby-name' }, t('form.nearbyItem', { category: category ? localName(category) : r.category, distance: formatDistance(r.distance_m) })),
          h('p', { class: 'nearby-meta' }, t('form.nearbyMeta', { status: statusName(r.status), age: formatAge(r.created_at), supporters: r.supporters })),
          r.description ? h('p', { class: 'nearby-text' }, r.description) : null,
          h('div', { class: 'nearby-actions' }, mine, h('a', { href: reportHref(r.ref), target: '_blank', rel: 'noopener' }, r.ref)),
        ),
      );
    }
    const different = h('button', { type: 'button', class: 'button button-small' }, t('form.mineIsDifferent'));
    different.addEventListener('click', () => this.#options.onDifferent());
    this.element.setAttribute('aria-labelledby', titleId);
    this.element.replaceChildren(
      h('h3', { id: titleId, class: 'nearby-title' }, t('form.nearbyTitle')),
      h('p', { class: 'field-help' }, t('form.nearbyIntro')),
      list,
      h('div', { class: 'nearby-actions' }, different),
    );
    this.#options.onRendered();
  }
}
