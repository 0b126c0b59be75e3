/**
 * Staff sign-in (`/staff`): an e-mail and password form. Signed-in users see who they are, a way
 * on to their screen and a sign-out button. `?next=/planner` returns there after signing in.
 */
import { ApiError, type StaffUser } from '../api.ts';
import { append, h, uid } from '../dom.ts';
import { describeError } from '../errors.ts';
import { roleName, t } from '../i18n.ts';
import { pageHref } from '../router.ts';
import { homeFor, loadSession, signIn, signOut } from '../session.ts';
import { mountShell, setStatus, statusLine } from './shell.ts';

/** Only paths of this app (with their query) may be a `next` target, never another site. */
function nextPath(): string | null {
  const next = new URLSearchParams(location.search).get('next');
  return next && /^\/(?![/\\])[\w\-/.]*(?:\?[\w\-.=&%,]*)?$/.test(next) ? next : null;
}

/** The sentence for a failed sign-in. */
export function signInErrorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return t('staff.wrongPassword');
    if (err.status === 429) return t('staff.tooMany');
    if (err.status === 400) return t('staff.missing');
  }
  return describeError(err);
}

export function showStaffLogin(): void {
  const main = mountShell({ title: t('staff.title'), mainClass: 'page-narrow' });
  const status = statusLine();
  append(main, h('h1', {}, t('staff.title')), status);
  setStatus(status, t('staff.checking'));
  loadSession()
    .then((user) => {
      setStatus(status, '');
      if (user) showSignedIn(main, user);
      else showForm(main);
    })
    .catch((err: unknown) => setStatus(status, describeError(err), true));
}

function showForm(main: HTMLElement): void {
  const ids = { email: uid('email'), password: uid('password') };
  const email = h('input', { id: ids.email, name: 'email', type: 'email', autocomplete: 'username', required: true, spellcheck: 'false' });
  const password = h('input', { id: ids.password, name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, t('staff.signIn'));
  const form = h(
    'form',
    { class: 'staff-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: ids.email }, t('staff.email')), email),
    h('div', { class: 'field' }, h('label', { for: ids.password }, t('staff.password')), password),
    alert,
    h('div', { class: 'form-actions form-actions-start' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!email.value.trim() || !password.value) {
      showAlert(t('staff.missing'));
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    showAlert(null);
    signIn(email.value.trim(), password.value)
      .then((user) => location.assign(pageHref(nextPath() ?? homeFor(user))))
      .catch((err: unknown) => {
        password.value = '';
        showAlert(signInErrorMessage(err));
        password.focus();
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  function showAlert(message: string | null): void {
    alert.textContent = message ?? '';
    alert.hidden = message === null;
  }
  append(main, h('p', {}, t('staff.intro')), form);
  email.focus();
}

function showSignedIn(main: HTMLElement, user: StaffUser): void {
  const out = h('button', { type: 'button', class: 'button' }, t('staff.signOut'));
  out.addEventListener('click', () => {
    out.disabled = true;
    signOut()
      .then(() => location.assign(pageHref('/staff')))
      .catch((err: unknown) => {
        out.disabled = false;
        append(main, h('p', { class: 'form-alert', role: 'alert' }, describeError(err)));
      });
  });
  const home = homeFor(user);
  const label = home === '/crew' ? t('staff.openCrew') : home === '/dispatch' ? t('staff.openDispatch') : t('staff.openDashboard');
  append(
    main,
    h('p', { class: 'staff-who' }, t('staff.signedInAs', { email: user.email, role: roleName(user.role) })),
    h('p', {}, h('a', { class: 'button button-primary button-link', href: pageHref(home) }, label)),
    h('div', { class: 'form-actions form-actions-start' }, out),
  );
}

/** The "signed in as … / sign out" items of a staff page's top bar. */
export function signedInActions(user: StaffUser): HTMLElement[] {
  const out = h('button', { type: 'button', class: 'button button-small' }, t('staff.signOut'));
  out.addEventListener('click', () => {
    out.disabled = true;
    void signOut()
      .catch(() => undefined)
      .then(() => location.assign(pageHref('/staff')));
  });
  return [h('span', { class: 'page-user' }, t('staff.who', { email: user.email, role: roleName(user.role) })), out];
}
