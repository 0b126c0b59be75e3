/**
 * The form a resident files a report with, in a popup at the spot they chose: a tap on the map,
 * the device's position or a photo's GPS. Before sending it lists open reports of the same kind
 * nearby, so the resident can support one of them instead of filing a new one. Nothing typed is
 * lost when the server refuses: the fields stay, and a draft survives a reload (sessionStorage).
 */
import { LngLat, Popup, type LngLatLike, type Map as MapLibreMap } from 'maplibre-gl';
import { ApiError, createReport, getReport, type Category, type NearbyReport, type NewReport, type Report } from './api.ts';
import { append, h, uid } from './dom.ts';
import { formErrorMessage } from './errors.ts';
import { currentPosition } from './geo.ts';
import { localName, t } from './i18n.ts';
import { closeOnEscape, keepPopupInView } from './map/popups.ts';
import { NearbySuggestions } from './nearby-suggestions.ts';
import { photoPosition } from './photo-gps.ts';
import { PhotoPicker } from './photo-picker.ts';
import { CategoryPicker } from './category-picker.ts';
import { reportHref } from './router.ts';

export interface ReportFormOptions {
  map: MapLibreMap;
  categories: readonly Category[];
  /** Called with each report the server accepted. */
  onCreated: (report: Report) => void;
}

/** How the pin got where it is: only a place the resident chose is kept when a GPS photo arrives. */
export type LocationSource = 'map' | 'centre' | 'device' | 'photo';

/** Longest description the server accepts (server/domain/report-input.ts). */
const MAX_DESCRIPTION = 4000;
const DRAFT_KEY = 'ordermap.report-draft';

type FieldName = 'category' | 'description' | 'contact_email';

interface Draft {
  category?: string;
  description?: string;
  contact_email?: string;
}

export class ReportForm {
  readonly #map: MapLibreMap;
  readonly #onCreated: (report: Report) => void;
  readonly #popup: Popup;
  readonly #root: HTMLElement;
  readonly #form: HTMLFormElement;
  readonly #where: HTMLElement;
  readonly #picker: CategoryPicker;
  readonly #photos: PhotoPicker;
  readonly #fields: Record<FieldName, HTMLSelectElement | HTMLTextAreaElement | HTMLInputElement>;
  readonly #nearby: NearbySuggestions;
  readonly #alert: HTMLElement;
  readonly #progress: HTMLElement;
  readonly #progressBar: HTMLProgressElement;
  readonly #progressText: HTMLElement;
  readonly #submit: HTMLButtonElement;
  readonly #done: HTMLElement;
  #lngLat: LngLat | null = null;
  #source: LocationSource = 'map';
  #sending = false;
  #returnFocus: HTMLElement | null = null;
  /** One key per report being written: a retry after a lost answer never files it twice. */
  #idempotencyKey = crypto.randomUUID();

  constructor({ map, categories, onCreated }: ReportFormOptions) {
    this.#map = map;
    this.#onCreated = onCreated;

    const titleId = uid('report-form-title');
    const ids = { description: uid('description'), email: uid('email') };
    const help = { description: uid('description-help'), email: uid('email-help') };

    this.#picker = new CategoryPicker(categories);
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
    this.#fields = { category: this.#picker.select, description, contact_email: email };
    this.#photos = new PhotoPicker({ onAdded: (file, index) => void this.#locateFromPhoto(file, index) });

    this.#alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
    this.#submit = h('button', { type: 'submit', class: 'button button-primary' }, t('form.submit'));
    this.#where = h('p', { class: 'form-where', 'aria-live': 'polite' });
    this.#nearby = new NearbySuggestions({
      categories,
      onSupport: (report) => void this.#send({ kind: 'support', report }),
      onDifferent: () => void this.#send({ kind: 'new', notDuplicate: true }),
      onRendered: () => keepPopupInView(this.#map, this.#popup),
    });
    this.#progressBar = h('progress', { max: 100, value: 0, 'aria-label': t('form.progress') });
    this.#progressText = h('span', { class: 'upload-text' });
    this.#progress = h('div', { class: 'upload-progress', hidden: true }, this.#progressBar, this.#progressText);

    const locate = h('button', { type: 'button', class: 'button button-small' }, t('form.useMyLocation'));
    locate.addEventListener('click', () => void this.#useDeviceLocation(locate));

    this.#form = h(
      'form',
      { class: 'report-form', novalidate: true, 'aria-labelledby': titleId },
      h('h2', { id: titleId, class: 'popup-title' }, t('form.title')),
      h('div', { class: 'form-where-row' }, this.#where, locate),
      this.#picker.element,
      this.#nearby.element,
      h(
        'div',
        { class: 'field' },
        h('label', { for: ids.description }, t('form.description')),
        description,
        h('p', { id: help.description, class: 'field-help' }, t('form.descriptionHelp')),
      ),
      this.#photos.element,
      h(
        'div',
        { class: 'field' },
        h('label', { for: ids.email }, t('form.email')),
        email,
        h('p', { id: help.email, class: 'field-help' }, t('form.emailHelp')),
      ),
      this.#alert,
      this.#progress,
      h('div', { class: 'form-actions' }, this.#submit),
      h('p', { class: 'field-help form-move-hint' }, t('form.moveHint')),
    );
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#send({ kind: 'new', notDuplicate: false });
    });
    this.#form.addEventListener('input', () => this.#saveDraft());
    this.#picker.select.addEventListener('change', () => {
      this.#saveDraft();
      this.#updateNearby();
    });
    this.#restoreDraft();

    this.#done = h('section', { class: 'report-done', hidden: true });
    this.#root = h('div', { class: 'report-form-popup' }, this.#form, this.#done);

    this.#popup = new Popup({
      closeButton: true,
      closeOnClick: false,
      focusAfterOpen: true,
      maxWidth: '380px',
      className: 'form-popup',
    }).setDOMContent(this.#root);
    this.#popup.on('close', () => this.#showForm());
    closeOnEscape(this.#popup, () => this.#returnFocus ?? this.#map.getCanvas());
  }

  /**
   * Opens the form at `lngLat` or, if it is open, moves it there. `returnFocus` gets the focus
   * back when the form is closed with Escape (the map otherwise); `source` says how the spot was
   * chosen (`centre`: not chosen yet, so a GPS photo may move it).
   */
  openAt(lngLat: LngLatLike, returnFocus: HTMLElement | null = null, source: LocationSource = 'map', label = ''): void {
    this.#returnFocus = returnFocus;
    this.#moveTo(LngLat.convert(lngLat), source, label);
    this.#showForm();
    if (!this.#popup.isOpen()) this.#popup.addTo(this.#map);
    if (!this.#root.contains(document.activeElement)) this.#picker.focus();
    requestAnimationFrame(() => keepPopupInView(this.#map, this.#popup));
  }

  close(): void {
    this.#popup.remove();
  }

  isOpen(): boolean {
    return this.#popup.isOpen();
  }

  #moveTo(lngLat: LngLat, source: LocationSource, label = ''): void {
    this.#lngLat = lngLat;
    this.#source = source;
    const at = { lat: lngLat.lat.toFixed(5), lon: lngLat.lng.toFixed(5) };
    this.#where.textContent =
      source === 'centre'
        ? t('form.whereUnset')
        : source === 'photo'
          ? t('form.whereFromPhoto', { file: label, ...at })
          : source === 'device'
            ? t('form.whereFromDevice', at)
            : t('form.where', at);
    this.#popup.setLngLat(lngLat);
    this.#updateNearby();
  }

  async #useDeviceLocation(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    this.#showAlert(null);
    try {
      const p = await currentPosition();
      const at = new LngLat(p.lon, p.lat);
      this.#moveTo(at, 'device');
      this.#map.easeTo({ center: at, zoom: Math.max(this.#map.getZoom(), 16) });
      requestAnimationFrame(() => keepPopupInView(this.#map, this.#popup));
    } catch (err) {
      this.#showAlert(t('geo.unavailable', { reason: err instanceof Error ? err.message : String(err) }));
    } finally {
      button.disabled = false;
    }
  }

  /** A photo with GPS sets the spot when the resident has not chosen one (only the first photo counts). */
  async #locateFromPhoto(file: File, index: number): Promise<void> {
    if (index !== 0 || this.#source !== 'centre') return;
    const p = await photoPosition(file);
    if (!p || this.#source !== 'centre') return;
    const at = new LngLat(p.lon, p.lat);
    this.#moveTo(at, 'photo', file.name);
    this.#map.easeTo({ center: at, zoom: Math.max(this.#map.getZoom(), 16) });
    requestAnimationFrame(() => keepPopupInView(this.#map, this.#popup));
  }

  #showForm(): void {
    this.#done.hidden = true;
    this.#form.hidden = false;
  }

  #updateNearby(): void {
    this.#nearby.update(this.#lngLat ? { lat: this.#lngLat.lat, lon: this.#lngLat.lng } : null, this.#picker.value);
  }

  // ---- Sending ----

  /** What the form holds, as the API wants it; null (and the reason shown) when incomplete. */
  #read(at: { lat: number; lon: number }, notDuplicate: boolean): NewReport | null {
    const category = this.#picker.value;
    if (!category) {
      this.#picker.setError(t('form.categoryMissing'));
      this.#picker.focus();
      return null;
    }
    const report: NewReport = {
      category,
      lat: round(at.lat, 7),
      lon: round(at.lon, 7),
      description: this.#fields.description.value.trim(),
    };
    const email = this.#fields.contact_email.value.trim();
    if (email) report.contact_email = email;
    if (notDuplicate) report.not_duplicate = true;
    return report;
  }

  async #send(how: { kind: 'new'; notDuplicate: boolean } | { kind: 'support'; report: NearbyReport }): Promise<void> {
    if (this.#sending || !this.#lngLat) return;
    this.#showAlert(null);
    for (const name of Object.keys(this.#fields) as FieldName[]) this.#fields[name].removeAttribute('aria-invalid');
    const at = how.kind === 'support' ? { lat: how.report.lat, lon: how.report.lon } : { lat: this.#lngLat.lat, lon: this.#lngLat.lng };
    const input = this.#read(at, how.kind === 'new' && how.notDuplicate);
    if (!input) return;

    this.#setSending(true);
    try {
      const report = await createReport(input, this.#photos.files, {
        idempotencyKey: this.#idempotencyKey,
        onProgress: (f) => this.#setProgress(f),
      });
      const master = report.duplicate_of !== null ? await getReport(report.duplicate_of).catch(() => null) : null;
      this.#clear();
      this.#showDone(report, master);
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
    this.#nearby.setDisabled(sending);
    this.#submit.textContent = t(sending ? 'form.sending' : 'form.submit');
    this.#form.setAttribute('aria-busy', String(sending));
    if (sending) this.#setProgress(0);
    this.#progress.hidden = !sending || this.#photos.files.length === 0;
  }

  #setProgress(fraction: number): void {
    const percent = Math.round(fraction * 100);
    this.#progressBar.value = percent;
    this.#progressText.textContent = t('form.uploading', { percent });
  }

  #showAlert(message: string | null): void {
    this.#alert.textContent = message ?? '';
    this.#alert.hidden = message === null;
  }

  /** Shows why the server refused and marks the fields it names; everything typed and chosen stays. */
  #showError(err: unknown): void {
    this.#showAlert(formErrorMessage(err));
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

  #showDone(report: Report, master: Report | null): void {
    const titleId = uid('report-done-title');
    const close = h('button', { type: 'button', class: 'button' }, t('form.close'));
    close.addEventListener('click', () => {
      this.close();
      (this.#returnFocus ?? this.#map.getCanvas()).focus();
    });
    const title = h('h2', { id: titleId, class: 'popup-title', tabindex: -1 }, t('form.sentTitle'));
    const shown = master ?? report;
    this.#done.replaceChildren();
    append(
      this.#done,
      title,
      h('p', { class: 'report-ref' }, t('form.sentRef', { ref: report.ref })),
      h('p', {}, t('form.sentDepartment', { department: localName(shown.department) })),
      master ? h('p', { class: 'report-attached' }, t('form.sentSupport', { ref: master.ref, supporters: master.supporters })) : null,
      h('p', {}, h('a', { href: reportHref(report.ref) }, t('form.follow'))),
      master ? h('p', {}, h('a', { href: reportHref(master.ref) }, t('form.followMaster', { ref: master.ref }))) : null,
      h('div', { class: 'form-actions' }, close),
    );
    this.#done.setAttribute('aria-labelledby', titleId);
    this.#form.hidden = true;
    this.#done.hidden = false;
    title.focus({ preventScroll: true });
    // After layout, and after any pan the taller form started.
    requestAnimationFrame(() => keepPopupInView(this.#map, this.#popup));
  }

  // ---- The draft ----

  #clear(): void {
    this.#form.reset();
    this.#picker.reset();
    this.#photos.clear();
    this.#nearby.clear();
    this.#idempotencyKey = crypto.randomUUID();
    try {
      sessionStorage.removeItem(DRAFT_KEY);
    } catch {
      // Storage may be off (private mode); the draft then lives only in the form.
    }
  }

  #saveDraft(): void {
    const draft: Draft = {
      category: this.#picker.value,
      description: this.#fields.description.value,
      contact_email: this.#fields.contact_email.value,
    };
    try {
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    } catch {
      // See #clear.
    }
  }

  #restoreDraft(): void {
    let draft: Draft = {};
    try {
      draft = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? '{}') as Draft;
    } catch {
      return;
    }
    if (typeof draft.category === 'string') this.#picker.value = draft.category;
    if (typeof draft.description === 'string') this.#fields.description.value = draft.description;
    if (typeof draft.contact_email === 'string') this.#fields.contact_email.value = draft.contact_email;
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
