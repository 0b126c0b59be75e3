/**
 * The dispatchers' screen (`/dispatch`): the triage queue, oldest first, with filters; a report
 * opens beside it with the staff's view (contact, full history) and the actions: hand it to
 * another department with a reason, merge it into another report (nearby ones offered), undo a
 * merge, and hide its text or photos from the public.
 */
import type { StaffUser } from '../api.ts';
import {
  getCategories,
  getDepartments,
  getStaffReport,
  getTriage,
  type Category,
  type Department,
  type StaffReport,
  type TriageFilters,
  type TriageItem,
} from '../api.ts';
import { groupCategories } from '../category-picker.ts';
import { actionForms, field } from '../dispatch-actions.ts';
import { append, h, uid, type Child } from '../dom.ts';
import { describeError } from '../errors.ts';
import { formatAge, formatDateTime, groupName, hasMessage, localName, statusName, t } from '../i18n.ts';
import { reportHref } from '../router.ts';
import { setStatus } from './shell.ts';
import { mountStaffPage } from './staff-page.ts';

export function showDispatch(): void {
  mountStaffPage({
    path: '/dispatch',
    title: t('dispatch.title'),
    mainClass: 'dispatch',
    heading: true,
    loading: t('planner.loading'),
    roles: ['dispatcher', 'admin'],
    forbidden: t('dispatch.forbidden'),
    start,
  });
}

async function start(main: HTMLElement, status: HTMLElement, user: StaffUser): Promise<void> {
  const [categories, departments] = await Promise.all([getCategories(), getDepartments()]);
  const screen = new DispatchScreen(status, categories, departments);
  append(main, screen.element);
  await screen.loadQueue();
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
      ...actionForms(r, {
        departments: this.#departments,
        departmentName: (code) => this.#departmentName(code),
        done: (message) => this.#done(r.id, message),
      }),
      this.#history(r),
    );
    this.#detail.hidden = false;
    title.focus();
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
}

/** An event kind's name (status, department, merge, …), or the code for one this build does not know. */
function eventName(kind: string): string {
  const key = `event.${kind}`;
  return hasMessage(key) ? t(key) : kind;
}
