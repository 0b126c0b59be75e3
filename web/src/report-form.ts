/**
 * The form a resident files a report with, in a popup at the spot they clicked. Clicking another
 * spot moves the popup and keeps what was typed; only a report the server accepted clears it.
 */
import { LngLat, Popup, type LngLatLike, type Map as MapLibreMap } from 'maplibre-gl';
import { ApiError, createReport, type Category, type NewReport, type Report } from './api.ts';
import { append, h, uid } from './dom.ts';
import { describeError } from './errors.ts';
import { groupName, localName, t } from './i18n.ts';
import { closeOnEscape, keepPopupInView } from './map/popups.ts';
import { reportHref } from './router.ts';

export interface ReportFormOptions {
  map: MapLibreMap;
  categories: readonly Category[];
  /** Called with each report the server accepted. */
  onCreated: (report: Report) => void;
}

/** Longest description the server accepts (server/domain/report-input.ts). */
const MAX_DESCRIPTION = 4000;

/** Which form field each API field is shown on. */
type FieldName = 'category' | 'description' | 'contact_email';

export class ReportForm {
  readonly #map: MapLibreMap;
  readonly #onCreated: (report: Report) => void;
  readonly #popup: Popup;
  readonly #root: HTMLElement;
  readonly #form: HTMLFormElement;
  readonly #where: HTMLElement;
  readonly #fields: Record<FieldName, HTMLSelectElement | HTMLTextAreaElement | HTMLInputElement>;
  readonly #categoryError: HTMLElement;
  readonly #alert: HTMLElement;
  readonly #submit: HTMLButtonElement;
  readonly #done: HTMLElement;
  #lngLat: LngLat | null = null;
  #sending = false;
  #returnFocus: HTMLElement | null = null;

  constructor({ map, categories, onCreated }: ReportFormOptions) {
    this.#map = map;
    this.#onCreated = onCreated;

    const titleId = uid('report-form-title');
    const ids = { category: uid('category'), description: uid('description'), email: uid('email') };
    const help = { category: uid('category-error'), description: uid('description-help'), email: uid('email-help') };

    const category = h('select', {
      id: ids.category,
      name: 'category',
      required: true,
      'aria-describedby': help.category,
    });
    append(category, h('option', { value: '' }, t('form.categoryPlaceholder')));
    for (const [group, list] of groupCategories(categories)) {
      const optgroup = h('optgroup', { label: groupName(group) });
      for (const c of list) append(optgroup, h('option', { value: c.code }, localName(c)));
      append(category, optgroup);
    }
    const description = h('textarea', {
      id: ids.description,
      name: 'description',
      rows: 3,
      maxlength: MAX_DESCRIPTION,
      'aria-describedby': help.description,
    });
    const email = h('input', {
      id: ids.email,
      name: 'contact_email',
      type: 'email',
      autocomplete: 'email',
      inputmode: 'email',
      spellcheck: 'false',
      'aria-describedby': help.email,
    });
    this.#fields = { category, description, contact_email: email };

    this.#categoryError = h('p', { id: help.category, class: 'field-error', hidden: true });
    this.#alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
    this.#submit = h('button', { type: 'submit', class: 'button button-primary' }, t('form.submit'));
    this.#where = h('p', { class: 'form-where' });

    this.#form = h(
      'form',
      { class: 'report-form', novalidate: true, 'aria-labelledby': titleId },
      h('h2', { id: titleId, class: 'popup-title' }, t('form.title')),
      this.#where,
      h('div', { class: 'field' }, h('label', { for: ids.category }, t('form.category')), category, this.#categoryError),
      h(
        'div',
        { class: 'field' },
        h('label', { for: ids.description }, t('form.description')),
        description,
        h('p', { id: help.description, class: 'field-help' }, t('form.descriptionHelp')),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: ids.email }, t('form.email')),
        email,
        h('p', { id: help.email, class: 'field-help' }, t('form.emailHelp')),
      ),
      this.#alert,
      h('div', { class: 'form-actions' }, this.#submit),
      h('p', { class: 'field-help form-move-hint' }, t('form.moveHint')),
    );
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#send();
    });
    category.addEventListener('change', () => {
      if (category.value) this.#setFieldError('category', null);
    });

    this.#done = h('section', { class: 'report-done', hidden: true });
    this.#root = h('div', { class: 'report-form-popup' }, this.#form, this.#done);

    this.#popup = new Popup({
      closeButton: true,
      closeOnClick: false,
      focusAfterOpen: true,
      maxWidth: '360px',
      className: 'form-popup',
    }).setDOMContent(this.#root);
    this.#popup.on('close', () => this.#showForm());
    closeOnEscape(this.#popup, () => this.#returnFocus ?? this.#map.getCanvas());
  }

  /**
   * Opens the form at `lngLat` or, if it is open, moves it there. `returnFocus` gets the focus
   * back when the form is closed with Escape (the map otherwise).
   */
  openAt(lngLat: LngLatLike, returnFocus: HTMLElement | null = null): void {
    this.#lngLat = LngLat.convert(lngLat);
    this.#returnFocus = returnFocus;
    this.#where.textContent = t('form.where', { lat: this.#lngLat.lat.toFixed(5), lon: this.#lngLat.lng.toFixed(5) });
    this.#showForm();
    this.#popup.setLngLat(this.#lngLat);
    if (!this.#popup.isOpen()) this.#popup.addTo(this.#map);
    if (!this.#root.contains(document.activeElement)) this.#fields.category.focus({ preventScroll: true });
    requestAnimationFrame(() => keepPopupInView(this.#map, this.#popup));
  }

  close(): void {
    this.#popup.remove();
  }

  isOpen(): boolean {
    return this.#popup.isOpen();
  }

  #showForm(): void {
    this.#done.hidden = true;
    this.#form.hidden = false;
  }

  /** What the form holds, as the API wants it; null (and the reason shown) when incomplete. */
  #read(): NewReport | null {
    if (!this.#lngLat) return null;
    const category = this.#fields.category.value;
    if (!category) {
      this.#setFieldError('category', t('form.categoryMissing'));
      this.#fields.category.focus();
      return null;
    }
    const report: NewReport = {
      category,
      lat: round(this.#lngLat.lat, 7),
      lon: round(this.#lngLat.lng, 7),
      description: this.#fields.description.value.trim(),
    };
    const email = this.#fields.contact_email.value.trim();
    if (email) report.contact_email = email;
    return report;
  }

  async #send(): Promise<void> {
    if (this.#sending) return;
    this.#showAlert(null);
    for (const name of Object.keys(this.#fields) as FieldName[]) this.#fields[name].removeAttribute('aria-invalid');
    const input = this.#read();
    if (!input) return;

    this.#setSending(true);
    try {
      const report = await createReport(input);
      this.#form.reset();
      this.#showDone(report);
      this.#onCreated(report);
    } catch (err) {
      this.#showError(err);
    } finally {
      this.#setSending(false);
    }
  }

  #setSending(sending: boolean): void {
    this.#sending = sending;
    this.#submit.disabled = sending;
    this.#submit.textContent = t(sending ? 'form.sending' : 'form.submit');
    this.#form.setAttribute('aria-busy', String(sending));
  }

  #setFieldError(name: 'category', message: string | null): void {
    const field = this.#fields[name];
    this.#categoryError.textContent = message ?? '';
    this.#categoryError.hidden = message === null;
    if (message === null) field.removeAttribute('aria-invalid');
    else field.setAttribute('aria-invalid', 'true');
  }

  #showAlert(message: string | null): void {
    this.#alert.textContent = message ?? '';
    this.#alert.hidden = message === null;
  }

  /** Shows the server's message and marks the fields it names; what was typed stays. */
  #showError(err: unknown): void {
    this.#showAlert(describeError(err));
    if (!(err instanceof ApiError)) return;
    let first: HTMLElement | null = null;
    for (const problem of err.problems) {
      const field = problem.field && problem.field in this.#fields ? this.#fields[problem.field as FieldName] : null;
      if (!field) continue;
      field.setAttribute('aria-invalid', 'true');
      first ??= field;
    }
    first?.focus();
    keepPopupInView(this.#map, this.#popup);
  }

  #showDone(report: Report): void {
    const titleId = uid('report-done-title');
    const close = h('button', { type: 'button', class: 'button' }, t('form.close'));
    close.addEventListener('click', () => {
      this.close();
      (this.#returnFocus ?? this.#map.getCanvas()).focus();
    });
    const title = h('h2', { id: titleId, class: 'popup-title', tabindex: -1 }, t('form.sentTitle'));
    this.#done.replaceChildren(
      title,
      h('p', { class: 'report-ref' }, t('form.sentRef', { ref: report.ref })),
      h('p', {}, t('form.sentDepartment', { department: localName(report.department) })),
      h('p', {}, h('a', { href: reportHref(report.ref) }, t('form.follow'))),
      h('div', { class: 'form-actions' }, close),
    );
    this.#done.setAttribute('aria-labelledby', titleId);
    this.#form.hidden = true;
    this.#done.hidden = false;
    title.focus();
    keepPopupInView(this.#map, this.#popup);
  }
}

/** Categories by group, groups in the order the API lists their first category. */
function groupCategories(categories: readonly Category[]): Map<string, Category[]> {
  const groups = new Map<string, Category[]>();
  for (const c of categories) {
    const list = groups.get(c.group);
    if (list) list.push(c);
    else groups.set(c.group, [c]);
  }
  return groups;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
