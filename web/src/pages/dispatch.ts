/**
 * The dispatchers' screen (`/dispatch`): the triage queue, oldest first, with filters; a report
 * opens beside it with the staff's view (contact, full history) and the actions: hand it to
 * another department with a reason, merge it into another report (nearby ones offered), undo a
 * merge, and hide its text or photos from the public.
 */
import {
  ApiError,
  getCategories,
  getDepartments,
  getNearby,
  getReport,
  getStaffReport,
  getTriage,
  mergeInto,
  moderate,
  reassign,
  unmerge,
  type Category,
  type Department,
  type StaffReport,
  type TriageFilters,
  type TriageItem,
} from '../api.ts';
import { groupCategories } from '../category-picker.ts';
import { append, h, uid, type Child } from '../dom.ts';
import { describeError } from '../errors.ts';
import { formatAge, formatDateTime, formatDistance, groupName, hasMessage, localName, statusName, t } from '../i18n.ts';
import { pageHref, reportHref } from '../router.ts';
import { hasRole, loadSession } from '../session.ts';
import { mountShell, setStatus, statusLine } from './shell.ts';
import { signedInActions } from './staff-login.ts';

export function showDispatch(): void {
  const main = mountShell({ title: t('dispatch.title'), mainClass: 'dispatch' });
  const status = statusLine();
  append(main, h('h1', {}, t('dispatch.title')), status);
  setStatus(status, t('planner.loading'));
  start(main, status).catch((err: unknown) => {
    console.error(err);
    setStatus(status, describeError(err), true);
  });
}

async function start(main: HTMLElement, status: HTMLElement): Promise<void> {
  const user = await loadSession();
  if (!user) {
    location.assign(pageHref(`/staff?next=${encodeURIComponent('/dispatch')}`));
    return;
  }
  main.ownerDocument.querySelector('.page-actions')?.prepend(...signedInActions(user));
  if (!hasRole(user, 'dispatcher', 'admin')) {
    setStatus(status, t('dispatch.forbidden'), true);
    return;
  }
  const [categories, departments] = await Promise.all([getCategories(), getDepartments()]);
  const screen = new DispatchScreen(status, categories, departments);
  append(main, screen.element);
  await screen.loadQueue();
}

/** A labelled field. */
function field(label: string, control: HTMLElement, extra: Child = null): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, extra);
}

class DispatchScreen {
  readonly element: HTMLElement;
  readonly #status: HTMLElement;
  readonly #categories: Map<string, Category>;
  readonly #departments: Department[];
  readonly #filters: { category: HTMLSelectElement; department: HTMLSelectElement; needsTriage: HTMLInputElement };
  readonly #count: HTMLElement;
  readonly #rows: HTMLTableSectionElement;
  readonly #detail: HTMLElement;
  #openId: number | null = null;

  constructor(status: HTMLElement, categories: readonly Category[], departments: Department[]) {
    this.#status = status;
    this.#categories = new Map(categories.map((c) => [c.code, c]));
    this.#departments = departments;

    const category = h('select', { name: 'category' }, h('option', { value: '' }, t('dispatch.all')));
    for (const [group, list] of groupCategories(categories)) {
      append(category, h('optgroup', { label: groupName(group) }, ...list.map((c) => h('option', { value: c.code }, localName(c)))));
    }
    const department = h('select', { name: 'department' }, h('option', { value: '' }, t('dispatch.all')));
    for (const d of departments) append(department, h('option', { value: d.code }, localName(d)));
    const needsTriage = h('input', { type: 'checkbox', name: 'needs_triage' });
    this.#filters = { category, department, needsTriage };
    const filters = h(
      'form',
      { class: 'dispatch-filters', 'aria-label': t('dispatch.filters') },
      field(t('dispatch.category'), category),
      field(t('dispatch.department'), department),
      h('label', { class: 'check' }, needsTriage, t('dispatch.needsTriage')),
      h('button', { type: 'submit', class: 'button button-primary' }, t('dispatch.apply')),
    );
    filters.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.loadQueue();
    });

    this.#count = h('p', { class: 'dispatch-count', role: 'status' });
    this.#rows = h('tbody');
    const queueTitle = uid('queue-title');
    const queue = h(
      'section',
      { class: 'dispatch-queue', 'aria-labelledby': queueTitle },
      h('h2', { id: queueTitle, class: 'visually-hidden' }, t('dispatch.title')),
      this.#count,
      h(
        'div',
        { class: 'dash-table-wrap' },
        h(
          'table',
          { class: 'dash-table queue-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('dispatch.colRef')),
              h('th', { scope: 'col' }, t('dispatch.colCategory')),
              h('th', { scope: 'col' }, t('dispatch.colWhere')),
              h('th', { scope: 'col' }, t('dispatch.colDepartment')),
              h('th', { scope: 'col' }, t('dispatch.colAge')),
            ),
          ),
          this.#rows,
        ),
      ),
    );
    this.#detail = h('section', { class: 'dispatch-detail', hidden: true });
    this.element = h('div', { class: 'dispatch-layout' }, filters, queue, this.#detail);
  }

  #categoryName(code: string): string {
    const c = this.#categories.get(code);
    return c ? localName(c) : code;
  }

  #departmentName(code: string): string {
    const d = this.#departments.find((x) => x.code === code);
    return d ? localName(d) : code;
  }

  async loadQueue(): Promise<void> {
    const f: TriageFilters = {};
    if (this.#filters.category.value) f.category = this.#filters.category.value;
    if (this.#filters.department.value) f.department = this.#filters.department.value;
    if (this.#filters.needsTriage.checked) f.needs_triage = 'true';
    try {
      const { reports } = await getTriage(f, 100);
      this.#renderQueue(reports);
      setStatus(this.#status, '');
    } catch (err) {
      setStatus(this.#status, describeError(err), true);
    }
  }

  #renderQueue(items: TriageItem[]): void {
    this.#count.textContent = items.length ? t('dispatch.count', { n: items.length }) : t('dispatch.empty');
    this.#rows.replaceChildren();
    for (const item of items) {
      const open = h('button', { type: 'button', class: 'link-button', 'aria-label': t('dispatch.open', { ref: item.ref }) }, item.ref);
      open.addEventListener('click', () => void this.open(item.id));
      append(
        this.#rows,
        h(
          'tr',
          { 'data-ref': item.ref, 'data-id': item.id, class: item.id === this.#openId ? 'is-open' : null },
          h('td', {}, open),
          h('td', {}, this.#categoryName(item.category), item.description ? h('span', { class: 'queue-text' }, item.description) : null),
          h('td', {}, item.district ?? '–'),
          h('td', {}, this.#departmentName(item.department), item.needs_triage ? h('span', { class: 'badge' }, t('dispatch.unrouted')) : null),
          h('td', {}, h('time', { datetime: item.created_at, title: formatDateTime(item.created_at) }, formatAge(item.created_at))),
        ),
      );
    }
  }

  /** Opens report `id` beside the queue. */
  async open(id: number, message = ''): Promise<void> {
    this.#openId = id;
    for (const row of this.#rows.querySelectorAll<HTMLElement>('tr')) row.classList.toggle('is-open', row.dataset.id === String(id));
    try {
      const report = await getStaffReport(id);
      this.#renderDetail(report, message);
    } catch (err) {
      setStatus(this.#status, describeError(err), true);
    }
  }

  /** After an action: say what happened, refresh the queue and the open report. */
  async #done(id: number, message: string): Promise<void> {
    await this.loadQueue();
    setStatus(this.#status, message);
    await this.open(id, message);
  }

  #renderDetail(r: StaffReport, message: string): void {
    const titleId = uid('detail-title');
    const close = h('button', { type: 'button', class: 'button button-small' }, t('dispatch.close'));
    close.addEventListener('click', () => {
      this.#detail.hidden = true;
      this.#openId = null;
      this.#rows.querySelector<HTMLElement>(`tr[data-ref="${r.ref}"] button`)?.focus();
    });
    const title = h('h2', { id: titleId, tabindex: -1 }, t('dispatch.detailTitle', { ref: r.ref }));
    const fact = (label: string, value: Child) => [h('dt', {}, label), h('dd', {}, value)];
    this.#detail.setAttribute('aria-labelledby', titleId);
    this.#detail.replaceChildren();
    append(
      this.#detail,
      h('div', { class: 'detail-head' }, title, close),
      message ? h('p', { class: 'page-status', role: 'status' }, message) : null,
      h(
        'dl',
        { class: 'report-facts' },
        ...fact(t('dispatch.colCategory'), this.#categoryName(r.category)),
        ...fact(t('planner.status'), statusName(r.status)),
        ...fact(t('reportPage.department'), localName(r.department)),
        ...fact(t('reportPage.district'), r.district ?? '–'),
        ...fact(t('reportPage.created'), formatDateTime(r.created_at)),
        ...fact(t('dispatch.supporters'), String(r.supporters)),
        ...fact(t('dispatch.contact'), [r.contact_email, r.contact_phone].filter(Boolean).join(', ') || t('dispatch.noContact')),
      ),
      r.description ? h('p', { class: 'report-description' }, r.description) : null,
      h('p', {}, h('a', { href: reportHref(r.ref), target: '_blank', rel: 'noopener' }, t('report.open'))),
      r.status === 'duplicate' ? this.#unmergeBlock(r) : this.#mergeBlock(r),
      this.#reassignForm(r),
      this.#moderationForm(r),
      this.#history(r),
    );
    this.#detail.hidden = false;
    title.focus();
  }

  #reassignForm(r: StaffReport): HTMLElement {
    const select = h('select', { name: 'department' });
    for (const d of this.#departments) if (d.code !== r.department.code) append(select, h('option', { value: d.code }, localName(d)));
    const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 4000, required: true });
    const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
    const form = h(
      'form',
      { class: 'action-form', novalidate: true },
      h('h3', {}, t('dispatch.reassign')),
      field(t('dispatch.newDepartment'), select),
      field(t('dispatch.reason'), reason),
      alert,
      h('button', { type: 'submit', class: 'button button-primary' }, t('dispatch.reassignDo')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (reason.value.trim().length < 3) {
        showAlert(alert, t('dispatch.reasonMissing'));
        reason.setAttribute('aria-invalid', 'true');
        reason.focus();
        return;
      }
      this.#act(form, alert, async () => {
        await reassign(r.id, select.value, reason.value.trim());
        await this.#done(r.id, t('dispatch.reassigned', { ref: r.ref, department: this.#departmentName(select.value) }));
      });
    });
    return form;
  }

  #mergeBlock(r: StaffReport): HTMLElement {
    const target = h('input', { name: 'into', type: 'text', autocomplete: 'off', spellcheck: 'false' });
    const note = h('input', { name: 'note', type: 'text' });
    const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
    const nearby = h('div', { class: 'merge-nearby', 'aria-live': 'polite' });
    const merge = (into: number, intoRef: string) =>
      this.#act(form, alert, async () => {
        await mergeInto(r.id, into, note.value.trim() || undefined);
        await this.#done(r.id, t('dispatch.merged', { ref: r.ref, into: intoRef }));
      });
    const form = h(
      'form',
      { class: 'action-form', novalidate: true },
      h('h3', {}, t('dispatch.merge')),
      nearby,
      field(t('dispatch.mergeTarget'), target),
      field(t('dispatch.note'), note),
      alert,
      h('button', { type: 'submit', class: 'button button-primary' }, t('dispatch.mergeDo')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = target.value.trim().toUpperCase();
      if (!q) {
        target.focus();
        return;
      }
      this.#act(form, alert, async () => {
        let found;
        try {
          found = await getReport(q);
        } catch (err) {
          if (err instanceof ApiError && (err.status === 404 || err.status === 400)) throw new Error(t('dispatch.notFound', { q }));
          throw err;
        }
        await mergeInto(r.id, found.id, note.value.trim() || undefined);
        await this.#done(r.id, t('dispatch.merged', { ref: r.ref, into: found.ref }));
      });
    });
    getNearby({ lat: r.lat, lon: r.lon }, r.category)
      .then(({ reports }) => {
        const others = reports.filter((x) => x.id !== r.id);
        if (others.length === 0) {
          nearby.replaceChildren(h('p', { class: 'field-help' }, t('dispatch.mergeNone')));
          return;
        }
        const list = h('ul', { class: 'merge-list' });
        for (const o of others) {
          const b = h('button', { type: 'button', class: 'button button-small' }, t('dispatch.mergeInto', { ref: o.ref }));
          b.addEventListener('click', () => merge(o.id, o.ref));
          append(list, h('li', {}, b, ` ${formatDistance(o.distance_m)} · ${statusName(o.status)} · ${formatAge(o.created_at)}`, o.description ? h('span', { class: 'queue-text' }, o.description) : null));
        }
        nearby.replaceChildren(h('p', { class: 'field-help' }, t('dispatch.mergeNearby')), list);
      })
      .catch(() => nearby.replaceChildren());
    return form;
  }

  #unmergeBlock(r: StaffReport): HTMLElement {
    const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
    const form = h(
      'form',
      { class: 'action-form', novalidate: true },
      h('h3', {}, t('dispatch.unmerge')),
      r.duplicate_of !== null ? h('p', {}, t('dispatch.duplicateOf', { id: r.duplicate_of })) : null,
      alert,
      h('button', { type: 'submit', class: 'button button-primary' }, t('dispatch.unmerge')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#act(form, alert, async () => {
        await unmerge(r.id);
        await this.#done(r.id, t('dispatch.unmerged', { ref: r.ref }));
      });
    });
    return form;
  }

  #moderationForm(r: StaffReport): HTMLElement {
    const hideText = h('input', { type: 'checkbox', name: 'hide_text' });
    const photoBoxes = r.photos.map((p, i) => ({ p, box: h('input', { type: 'checkbox', name: 'hide_photo', value: p.position, checked: p.hidden }), n: i + 1 }));
    const note = h('input', { type: 'text', name: 'moderation_note' });
    const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
    const form = h(
      'form',
      { class: 'action-form', novalidate: true },
      h('h3', {}, t('dispatch.moderation')),
      h('label', { class: 'check' }, hideText, t('dispatch.hideText')),
      photoBoxes.length
        ? h(
            'ul',
            { class: 'moderation-photos' },
            ...photoBoxes.map(({ p, box, n }) =>
              h('li', {}, h('label', { class: 'check' }, box, h('img', { src: p.thumbnail_url, alt: '', width: 64, height: 48 }), t('dispatch.hidePhoto', { n }))),
            ),
          )
        : null,
      field(t('dispatch.moderationNote'), note),
      alert,
      h('button', { type: 'submit', class: 'button button-primary' }, t('dispatch.moderate')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const hide = photoBoxes.filter(({ p, box }) => box.checked && !p.hidden).map(({ p }) => p.position);
      const show = photoBoxes.filter(({ p, box }) => !box.checked && p.hidden).map(({ p }) => p.position);
      this.#act(form, alert, async () => {
        await moderate(r.id, {
          ...(hideText.checked ? { hide_text: true } : {}),
          ...(hide.length ? { hide_photos: hide } : {}),
          ...(show.length ? { show_photos: show } : {}),
          ...(note.value.trim() ? { note: note.value.trim() } : {}),
        });
        await this.#done(r.id, t('dispatch.moderated', { ref: r.ref }));
      });
    });
    return form;
  }

  #history(r: StaffReport): HTMLElement {
    return h(
      'section',
      {},
      h('h3', {}, t('dispatch.history')),
      h(
        'ol',
        { class: 'timeline' },
        ...r.history.map((e) =>
          h(
            'li',
            {},
            h('time', { datetime: e.at }, formatDateTime(e.at)),
            `${eventName(e.kind)}${e.from || e.to ? `: ${e.from ? statusName(e.from) : ''} → ${e.to ? statusName(e.to) : ''}` : ''} (${e.actor})`,
            e.note ? h('span', { class: 'timeline-note' }, e.note) : null,
          ),
        ),
      ),
    );
  }

  /** Runs an action with the form's buttons disabled, showing its failure in `alert`. */
  #act(form: HTMLFormElement, alert: HTMLElement, action: () => Promise<void>): void {
    const buttons = [...form.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    alert.hidden = true;
    action()
      .catch((err: unknown) => showAlert(alert, describeError(err)))
      .finally(() => {
        for (const b of buttons) b.disabled = false;
      });
  }
}

function showAlert(alert: HTMLElement, message: string): void {
  alert.textContent = message;
  alert.hidden = false;
}

/** An event kind's name (status, department, merge, …), or the code for one this build does not know. */
function eventName(kind: string): string {
  const key = `event.${kind}`;
  return hasMessage(key) ? t(key) : kind;
}
