/** The web app's entry: picks the page for the address and loads its module. */
import './style.css';
import { matchRoute } from './router.ts';

const route = matchRoute(location.pathname);

switch (route.page) {
  case 'map':
    void import('./pages/public-map.ts').then((m) => m.showPublicMap());
    break;
  case 'staff':
    void import('./pages/staff-login.ts').then((m) => m.showStaffLogin());
    break;
  case 'planner':
    void import('./pages/planner.ts').then((m) => m.showPlanner());
    break;
  case 'crew':
    void import('./pages/crew.ts').then((m) => m.showCrew());
    break;
  case 'dispatch':
    void import('./pages/dispatch.ts').then((m) => m.showDispatch());
    break;
  case 'report':
    void import('./pages/report-page.ts').then((m) => m.showReportPage(route.ref));
    break;
  case 'not-found':
    void import('./pages/not-found.ts').then((m) => m.showNotFound());
    break;
}
