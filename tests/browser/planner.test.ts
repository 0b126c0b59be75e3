import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCatalogue, loadCity } from '../../fixtures/cities.ts';
import { generateReports } from '../../fixtures/synthetic.ts';
import type { Database } from '../../server/db/database.ts';
import { prepareReports } from '../../server/services/intake.ts';
import { insertReports } from '../../server/store/reports.ts';
import { describeBrowser, distinctColours, launchBrowser, openPage, pixelsNear, screenshot, seriousAxeViolations, waitForMap, WIDTHS } from '../support/browser.ts';
import { resetReports, testDatabase } from '../support/db.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { createStaff, PASSWORD } from '../support/staff.ts';

/** The darkest hot spot colour (99 % confidence), as the legend and the map draw it. */
const HOT_99 = '#b2182b';

describeBrowser('the planner dashboard in a browser', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let email = '';

  beforeAll(async () => {
    db = await testDatabase('embedded');
    await resetReports(db);
    const city = loadCity('gdansk');
    // Demo-like data: a year of reports with a few dense hotspots, as the embedded demo seeds.
    const { reports } = generateReports(city.districts, loadCatalogue().categories, { count: 1500, seed: 2026, now: new Date(), days: 365 });
    await db.transaction(async (c) => insertReports(c, await prepareReports(c, reports.map((r) => ({ ...r, source: 'demo' })))));
    email = (await createStaff(db, 'planner')).email;
    server = await startServer(db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, password: string): Promise<void> {
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Hasło').fill(password);
    await page.getByRole('button', { name: 'Zaloguj' }).click();
  }

  it('signs a planner in (after a wrong password) and shows hot spot cells, the legend, the chart and the SLA table', async () => {
    const { page, context, foreign, errors } = await openPage(browser, server.url, WIDTHS.desktop);
    await page.goto(`${server.url}/planner`);
    // Not signed in: the dashboard sends the planner to the sign-in page and back.
    await page.waitForURL(/\/staff\?next=%2Fplanner$/);
    // The server's login limit answers 429 (forced here, so the account is not locked for the rest).
    await page.route('**/api/auth/login', (route) =>
      route.fulfill({ status: 429, json: { error: { code: 'too_many_attempts', message: 'Too many failed sign-ins', details: null } } }),
      { times: 1 },
    );
    await signIn(page, PASSWORD);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Zbyt wiele nieudanych prób logowania');
    await signIn(page, 'not the password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Nieprawidłowy e-mail lub hasło.');
    await screenshot(page, 'staff-sign-in-refused');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await signIn(page, PASSWORD);
    await page.waitForURL(/\/planner/);

    await waitForMap(page, 'planner');
    await expect.poll(() => page.locator('.dash-table tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    await waitForMap(page, 'planner');
    const hot = await page.evaluate(() =>
      window.ordermap!.maps.planner!.queryRenderedFeatures({ layers: ['planner-hotspots-fill'] }).filter((f) => String(f.properties.class).startsWith('hot')).length,
    );
    expect(hot, errors.join('\n')).toBeGreaterThan(0);
    expect(await pixelsNear(page, '.dash-map-canvas canvas', HOT_99)).toBeGreaterThan(50);

    const legend = page.locator('.dash-legend');
    for (const label of ['Gorący punkt, ufność 99%', 'Gorący punkt, ufność 95%', 'Gorący punkt, ufność 90%', 'Zimny punkt, ufność 99%', 'Nieistotne statystycznie']) {
      expect(await legend.getByText(label, { exact: true }).isVisible()).toBe(true);
    }
    expect(await page.locator('.page-user').textContent()).toContain(email);
    expect(await page.locator('.dash-chart-summary').textContent()).toMatch(/Razem \d+ zgłoszeń/);
    expect(await distinctColours(page, '.dash-chart-canvas canvas')).toBeGreaterThan(3);
    const csv = await page.getByRole('link', { name: 'Pobierz CSV' }).getAttribute('href');
    expect(csv).toMatch(/^\/api\/exports\/reports\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);

    await screenshot(page, 'planner-dashboard');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Filters reach the map, the exports and the address.
    await page.getByLabel('Warstwa').selectOption('both');
    await page.getByLabel('Kategoria').selectOption('pothole');
    await expect.poll(() => page.getByRole('link', { name: 'Pobierz GeoJSON' }).getAttribute('href')).toContain('category=pothole');
    await expect.poll(() => legend.getByText('Zgłoszeń w komórce').isVisible()).toBe(true);
    expect(page.url()).toContain('layer=both');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('keeps the dashboard usable on a phone', async () => {
    const { page, context } = await openPage(browser, server.url, WIDTHS.phone);
    await page.goto(`${server.url}/staff?next=/planner`);
    await screenshot(page, 'staff-sign-in');
    // By keyboard alone: the e-mail field has the focus, Tab reaches the password, Enter signs in.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/planner/);
    await waitForMap(page, 'planner');
    await expect.poll(() => page.locator('.dash-table tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    await waitForMap(page, 'planner');
    expect(await pixelsNear(page, '.dash-map-canvas canvas', HOT_99)).toBeGreaterThan(20);
    expect(await page.getByText('Gorący punkt, ufność 99%', { exact: true }).isVisible()).toBe(true);
    // Nothing but the table's own scroller is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'planner-dashboard');
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.waitForURL(/\/staff$/);
    await expect.poll(() => page.getByRole('button', { name: 'Zaloguj' }).isVisible()).toBe(true);
    await context.close();
  });
});
