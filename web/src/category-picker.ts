/**
 * The category field: a native <select> grouped by kind of problem (keyboard and screen-reader
 * friendly as it is), with a search box above that narrows its options as one types; Enter in
 * the box picks the first match.
 */
import type { Category } from './api.ts';
import { append, h, uid } from './dom.ts';
import { groupName, localName, t } from './i18n.ts';

/** Lower case without diacritics, so "swiatlo" finds "Światło". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();
}

/** Categories by group, groups in the order the API lists their first category. */
export function groupCategories(categories: readonly Category[]): Map<string, Category[]> {
  const groups = new Map<string, Category[]>();
  for (const c of categories) {
    const list = groups.get(c.group);
    if (list) list.push(c);
    else groups.set(c.group, [c]);
  }
  return groups;
}

export class CategoryPicker {
  readonly element: HTMLElement;
  readonly select: HTMLSelectElement;
  readonly #search: HTMLInputElement;
  readonly #error: HTMLElement;
  readonly #noMatch: HTMLElement;

  constructor(categories: readonly Category[]) {
    const ids = { select: uid('category'), search: uid('category-search'), error: uid('category-error'), help: uid('category-search-help') };
    this.select = h('select', { id: ids.select, name: 'category', required: true, 'aria-describedby': ids.error });
    append(this.select, h('option', { value: '' }, t('form.categoryPlaceholder')));
    for (const [group, list] of groupCategories(categories)) {
      const optgroup = h('optgroup', { label: groupName(group) });
      for (const c of list) {
        // Both names and the group are searchable, whatever the interface language.
        append(optgroup, h('option', { value: c.code, 'data-search': foldText(`${c.name_pl} ${c.name_en} ${groupName(group)}`) }, localName(c)));
      }
      append(this.select, optgroup);
    }
    this.#search = h('input', {
      id: ids.search,
      type: 'search',
      class: 'category-search',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': ids.help,
      'aria-controls': ids.select,
    });
    this.#error = h('p', { id: ids.error, class: 'field-error', hidden: true });
    this.#noMatch = h('p', { class: 'field-help', role: 'status' });
    this.element = h(
      'div',
      { class: 'field category-field' },
      h('label', { for: ids.select }, t('form.category')),
      h('div', { class: 'category-search-row' }, h('label', { for: ids.search, class: 'category-search-label' }, t('form.categorySearch')), this.#search),
      h('p', { id: ids.help, class: 'field-help' }, t('form.categorySearchHelp')),
      this.select,
      this.#noMatch,
      this.#error,
    );
    this.#search.addEventListener('input', () => this.#filter());
    this.#search.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      const first = this.#visibleOptions()[0];
      if (!first) return;
      this.value = first.value;
      this.select.dispatchEvent(new Event('change', { bubbles: true }));
      this.select.focus();
    });
    this.select.addEventListener('change', () => {
      if (this.select.value) this.setError(null);
    });
  }

  get value(): string {
    return this.select.value;
  }

  set value(code: string) {
    this.select.value = code;
    if (this.select.value !== code) this.select.value = '';
  }

  focus(): void {
    this.#search.focus({ preventScroll: true });
  }

  reset(): void {
    this.#search.value = '';
    this.#filter();
    this.select.value = '';
  }

  setError(message: string | null): void {
    this.#error.textContent = message ?? '';
    this.#error.hidden = message === null;
    if (message === null) this.select.removeAttribute('aria-invalid');
    else this.select.setAttribute('aria-invalid', 'true');
  }

  #visibleOptions(): HTMLOptionElement[] {
    return [...this.select.querySelectorAll<HTMLOptionElement>('option[data-search]')].filter((o) => !o.hidden);
  }

  #filter(): void {
    const q = foldText(this.#search.value.trim());
    for (const option of this.select.querySelectorAll<HTMLOptionElement>('option[data-search]')) {
      option.hidden = q !== '' && !(option.dataset.search ?? '').includes(q);
    }
    for (const group of this.select.querySelectorAll('optgroup')) {
      group.hidden = [...group.querySelectorAll('option')].every((o) => o.hidden);
    }
    const matches = this.#visibleOptions();
    this.#noMatch.textContent = q !== '' && matches.length === 0 ? t('form.categoryNoMatch', { q: this.#search.value.trim() }) : '';
    // One match left: choose it, as a picker with one answer would.
    if (matches.length === 1 && this.select.value !== matches[0]!.value) {
      this.value = matches[0]!.value;
      this.select.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }
}
