/** The staff session as the page knows it: who is signed in, and the CSRF token their changes carry. */
import { ApiError, getMe, login, logout, setCsrfToken, type Role, type StaffSession, type StaffUser } from './api.ts';

let current: StaffUser | null = null;

/** Asks the server who is signed in (the cookie is HttpOnly); null when nobody is. */
export async function loadSession(): Promise<StaffUser | null> {
  try {
    return remember(await getMe());
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return forget();
    throw err;
  }
}

/** Signs in; the server's 401 (wrong e-mail or password) and 429 (too many attempts) come back as ApiError. */
export async function signIn(email: string, password: string): Promise<StaffUser> {
  return remember(await login(email, password));
}

/** Signs out on the server; the page forgets the session even if the server no longer knew it. */
export async function signOut(): Promise<void> {
  try {
    await logout();
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) throw err;
  } finally {
    forget();
  }
}

/** The signed-in user, if `loadSession` or `signIn` found one. */
export function currentUser(): StaffUser | null {
  return current;
}

/** Whether `user` has one of `roles`. */
export function hasRole(user: Pick<StaffUser, 'role'> | null, ...roles: Role[]): boolean {
  return user !== null && roles.includes(user.role);
}

/** The page a user lands on after signing in: crews their nearest tasks, dispatchers the queue, planners and admins the dashboard. */
export function homeFor(user: Pick<StaffUser, 'role'>): string {
  switch (user.role) {
    case 'crew':
      return '/crew';
    case 'dispatcher':
      return '/dispatch';
    default:
      return '/planner';
  }
}

function remember(session: StaffSession): StaffUser {
  setCsrfToken(session.csrf_token);
  current = session.user;
  return current;
}

function forget(): null {
  setCsrfToken(null);
  current = null;
  return null;
}
