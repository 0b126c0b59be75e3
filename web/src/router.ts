/** Which page a path shows. Each page is its own module, loaded only when its path is opened. */

export type Route =
  | { page: 'map' }
  | { page: 'staff' }
  | { page: 'planner' }
  | { page: 'crew' }
  | { page: 'dispatch' }
  | { page: 'report'; ref: string }
  | { page: 'not-found' };

/** A report reference as the server issues them, e.g. GD-2026-000123 (also a numeric id). */
const REPORT_KEY = /^(?:[A-Z]{2,4}-[0-9]{4}-[0-9]{6,15}|[0-9]{1,15})$/;

/** The route for `pathname`; a trailing slash is ignored. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return { page: 'map' };
  if (path === '/staff' || path === '/login') return { page: 'staff' };
  if (path === '/planner') return { page: 'planner' };
  if (path === '/crew') return { page: 'crew' };
  if (path === '/dispatch') return { page: 'dispatch' };
  const report = /^\/r\/([^/]+)$/.exec(path);
  if (report) {
    let key: string;
    try {
      key = decodeURIComponent(report[1]!).toUpperCase();
    } catch {
      return { page: 'not-found' };
    }
    if (REPORT_KEY.test(key)) return { page: 'report', ref: key };
  }
  return { page: 'not-found' };
}

/** The address of page `path` that keeps the interface language of the current address. */
export function pageHref(path: string, search: string = location.search): string {
  const lang = new URLSearchParams(search).get('lang');
  if (lang !== 'en') return path;
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', 'en');
  return url.pathname + url.search + url.hash;
}

/** The page of one report. */
export const reportHref = (ref: string, search?: string) => pageHref(`/r/${encodeURIComponent(ref)}`, search);
