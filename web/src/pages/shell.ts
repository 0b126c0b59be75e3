/** The frame of every page other than the public map: a top bar and a scrolling main area. */
import { append, h, type Child } from '../dom.ts';
import { lang, languageSwitchHref, t, type MessageKey } from '../i18n.ts';
import { pageHref } from '../router.ts';

export interface ShellOptions {
  /** The document title's first part. */
  title: string;
  /** Extra items for the top bar's right side (who is signed in, sign-out). */
  actions?: Child[];
  /** A class for <main>, for page-specific layout. */
  mainClass?: string;
}

/** Replaces the page with an empty frame and returns its <main> to fill. */
export function mountShell({ title, actions = [], mainClass }: ShellOptions): HTMLElement {
  document.documentElement.lang = lang;
  document.title = `${title} – ${t('app.title')}`;
  document.body.className = 'page-doc';

  const other = lang === 'pl' ? 'en' : 'pl';
  const switchLink = h('a', { class: 'lang-switch', href: languageSwitchHref(other), lang: other, hreflang: other }, t('app.otherLanguage'));
  const main = h('main', { id: 'main', class: ['page-main', mainClass].filter(Boolean).join(' '), tabindex: -1 });
  const bar = h(
    'header',
    { class: 'page-bar' },
    h('a', { class: 'page-home', href: pageHref('/') }, t('app.title')),
    h('nav', { class: 'page-actions', 'aria-label': t('shell.nav') }, ...actions, switchLink),
  );
  document.body.replaceChildren(h('a', { class: 'skip-link', href: '#main' }, t('shell.skip')), bar, main);
  return main;
}

/** A status line that screen readers announce when it changes. */
export function statusLine(): HTMLElement {
  return h('p', { class: 'page-status', role: 'status', 'aria-live': 'polite' });
}

/** Shows `message` in `line` (empty hides it); errors are styled as such. */
export function setStatus(line: HTMLElement, message: string, isError = false): void {
  line.textContent = message;
  line.hidden = message === '';
  line.classList.toggle('page-status-error', isError);
}

/** A heading and paragraph pair for messages such as "not found". */
export function notice(parent: HTMLElement, titleKey: MessageKey, textKey: MessageKey): void {
  append(parent, h('h1', {}, t(titleKey)), h('p', {}, t(textKey)), h('p', {}, h('a', { href: pageHref('/') }, t('shell.backToMap'))));
}
