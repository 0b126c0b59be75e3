/** The start of every staff page: the shell, sign-in (or a redirect to it), the role check. */
import type { Role, StaffUser } from '../api.ts';
import { append, h } from '../dom.ts';
import { describeError } from '../errors.ts';
import { pageHref } from '../router.ts';
import { hasRole, loadSession } from '../session.ts';
import { mountShell, setStatus, statusLine } from './shell.ts';
import { signedInActions } from './staff-login.ts';

export interface StaffPageOptions {
  /** The page's own path, to come back to after signing in. */
  path: string;
  title: string;
  mainClass: string;
  /** Whether the page shows its title as a heading above the status line. */
  heading: boolean;
  loading: string;
  roles: Role[];
  forbidden: string;
  /** Builds the page once a staff member with one of `roles` is signed in. */
  start(main: HTMLElement, status: HTMLElement, user: StaffUser): Promise<void>;
}

/** Mounts a staff page; errors while it starts show in its status line. */
export function mountStaffPage(o: StaffPageOptions): void {
  const main = mountShell({ title: o.title, mainClass: o.mainClass });
  const status = statusLine();
  if (o.heading) append(main, h('h1', {}, o.title), status);
  else append(main, status);
  setStatus(status, o.loading);
  (async () => {
    const user = await loadSession();
    if (!user) {
      location.assign(pageHref(`/staff?next=${encodeURIComponent(o.path)}`));
      return;
    }
    main.ownerDocument.querySelector('.page-actions')?.prepend(...signedInActions(user));
    if (!hasRole(user, ...o.roles)) {
      setStatus(status, o.forbidden, true);
      return;
    }
    await o.start(main, status, user);
  })().catch((err: unknown) => {
    console.error(err);
    setStatus(status, describeError(err), true);
  });
}
