import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { describeBrowser, launchBrowser, openPage, screenshot, seriousAxeViolations, waitForMap, WIDTHS } from '../support/browser.ts';
import { resetReports, testDatabase } from '../support/db.ts';
import { api, startServer, type TestServer } from '../support/server.ts';
import { createStaff, PASSWORD } from '../support/staff.ts';

/** Where the crew's device says it is: Długi Targ, Gdańsk. */
const CREW_AT = { latitude: 54.3487, longitude: 18.6536 };

/** A point `north` and `east` metres from the crew. */
const from = (north: number, east: number) => ({
  lat: CREW_AT.latitude + north / 111_320,
  lon: CREW_AT.longitude + east / (111_320 * Math.cos((CREW_AT.latitude * Math.PI) / 180)),
});

describeBrowser('the crew and dispatcher screens in a browser', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let crew = '';
  let dispatcher = '';
  /** Roads reports, nearest to the crew first. */
  const potholes: Array<{ id: number; ref: string }> = [];
  /** Reports no department's area claims: they wait in the contact centre's queue. */
  const unrouted: Array<{ id: number; ref: string }> = [];
  /** Two litter reports 15 m apart: the second repeats the first. */
  const litter: Array<{ id: number; ref: string }> = [];
  let photo: Buffer;

  beforeAll(async () => {
    db = await testDatabase('embedded');
    await resetReports(db);
    server = await startServer(db);
    const file = async (category: string, at: { lat: number; lon: number }, description: string) =>
      (await api(`${server.url}/api/reports`, { method: 'POST', json: { category, ...at, description, not_duplicate: true } })).body;
    // Filed far to near, so the distance order is not the filing order.
    for (const [north, east, what] of [[900, 300, 'daleko'], [-400, 0, 'średnio'], [0, 120, 'blisko'], [-60, -30, 'tuż obok']] as const) {
      potholes.push(await file('pothole', from(north, east), `Dziura ${what}`));
    }
    // Filed far to near: the last one filed is the nearest.
    potholes.reverse();
    unrouted.push(await file('other', from(200, -200), 'Porzucony rower przy fontannie'));
    unrouted.push(await file('other', from(-250, 250), 'Zniszczona tablica informacyjna'));
    litter.push(await file('litter', from(500, -500), 'Śmieci pod wiatą przystanku'));
    litter.push(await file('litter', from(515, -500), 'Rozrzucone śmieci przy przystanku'));
    crew = (await createStaff(db, 'crew', 'roads')).email;
    dispatcher = (await createStaff(db, 'dispatcher', 'contact_centre')).email;
    photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 40, g: 140, b: 70 } } }).jpeg().toBuffer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${server.url}/staff`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Hasło').fill(PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj' }).click();
  }

  it('signs a crew in to its nearest tasks, ordered by distance from the device, and resolves one with an after photo', async () => {
    // Nearest first: tuż obok (67 m), blisko (120 m), średnio (400 m), daleko (949 m).
    let remaining = potholes.map((p) => p.ref);
    for (const size of [WIDTHS.desktop, WIDTHS.phone]) {
      const { page, context, foreign, errors } = await openPage(browser, server.url, size);
      await context.grantPermissions(['geolocation'], { origin: server.url });
      await context.setGeolocation({ ...CREW_AT, accuracy: 10 });
      await signIn(page, crew);
      await page.waitForURL(/\/crew$/);
      const items = page.locator('.task-list > li');
      await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(remaining.length);
      expect(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-ref')))).toEqual(remaining);
      const distances = await page.locator('.task-distance').allTextContents();
      const metres = distances.map((d) => (d.endsWith(' km') ? parseFloat(d.replace(',', '.')) * 1000 : parseFloat(d)));
      expect([...metres].sort((a, b) => a - b)).toEqual(metres);
      expect(await page.getByRole('status').first().textContent()).toContain('Twoje położenie: 54.34870, 18.65360');
      await waitForMap(page, 'crew');
      const drawn = await page.evaluate(() => window.ordermap!.maps.crew!.queryRenderedFeatures({ layers: ['tasks'] }).length);
      expect(drawn, errors.join('\n')).toBeGreaterThanOrEqual(2);
      expect(await items.first().getByRole('link', { name: /^Nawiguj do zadania/ }).getAttribute('href')).toMatch(/^geo:54\.3\d{5},18\.6\d{5}$/);
      await screenshot(page, 'crew-tasks');
      if (size === WIDTHS.desktop) expect(await seriousAxeViolations(page)).toEqual([]);

      // Open the nearest task and resolve it with a note and an "after" photo.
      const nearest = remaining[0]!;
      await page.getByRole('button', { name: `Otwórz zadanie ${nearest}` }).click();
      const detail = page.locator('.task-detail');
      await expect.poll(() => detail.isVisible()).toBe(true);
      expect(await detail.locator('h2').textContent()).toContain(nearest);
      await detail.getByLabel('Nowy status').selectOption('resolved');
      await detail.getByLabel('Notatka').fill('Załatano masą na zimno.');
      await detail.locator('input[type=file]').setInputFiles({ name: 'po.jpg', mimeType: 'image/jpeg', buffer: photo });
      await expect.poll(() => detail.locator('.photo-previews img').count()).toBe(1);
      await screenshot(page, 'crew-task');
      if (size === WIDTHS.desktop) expect(await seriousAxeViolations(page)).toEqual([]);
      await detail.getByRole('button', { name: 'Zapisz' }).click();

      await expect.poll(() => page.locator('.page-status').first().textContent(), { timeout: 15_000 }).toBe(`Zapisano: ${nearest} – Rozwiązane.`);
      remaining = remaining.slice(1);
      await expect.poll(() => items.evaluateAll((els) => els.map((el) => el.getAttribute('data-ref')))).toEqual(remaining);
      const report = (await api(`${server.url}/api/reports/${nearest}`)).body;
      expect(report.status).toBe('resolved');
      expect(report.photos.map((p: { kind: string }) => p.kind)).toEqual(['after']);
      expect(report.history.at(-1)).toMatchObject({ kind: 'status', to: 'resolved', note: 'Załatano masą na zimno.' });

      if (size === WIDTHS.phone) {
        // The crew drives to the far pothole: the list follows the device, nearest first from there.
        const far = potholes.at(-1)!;
        const at = (await api(`${server.url}/api/reports/${far.ref}`)).body;
        await context.setGeolocation({ latitude: at.lat, longitude: at.lon, accuracy: 10 });
        await expect.poll(() => items.first().getAttribute('data-ref'), { timeout: 20_000 }).toBe(far.ref);
        expect(await items.first().locator('.task-distance').textContent()).toBe('0 m');
      }
      expect(foreign).toEqual([]);
      await context.close();
    }
  });

  it('signs a dispatcher in to the triage queue, oldest first, and hands a report to another department with a reason', async () => {
    for (const [size, report] of [[WIDTHS.desktop, unrouted[0]!], [WIDTHS.phone, unrouted[1]!]] as const) {
      const { page, context, foreign } = await openPage(browser, server.url, size);
      await signIn(page, dispatcher);
      await page.waitForURL(/\/dispatch$/);
      const rows = page.locator('.queue-table tbody tr');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const refs = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-ref')));
      expect(refs).toContain(report.ref);
      // Oldest first: reports are numbered in filing order.
      expect([...refs].sort()).toEqual(refs);

      await page.getByRole('button', { name: `Otwórz ${report.ref}` }).click();
      const detail = page.locator('.dispatch-detail');
      await expect.poll(() => detail.locator('h2').textContent()).toBe(`Zgłoszenie ${report.ref}`);
      expect(await detail.textContent()).toContain('Centrum Kontaktu Mieszkańców');
      if (size === WIDTHS.desktop) expect(await seriousAxeViolations(page)).toEqual([]);

      const form = detail.locator('form', { hasText: 'Przekaż innej jednostce' });
      await form.getByLabel('Nowa jednostka').selectOption('municipal_police');
      await form.getByLabel('Powód').fill('Porzucone mienie na chodniku: sprawa dla Straży Miejskiej.');
      await form.getByRole('button', { name: 'Przekaż' }).click();
      await expect.poll(() => page.locator('.page-status').first().textContent(), { timeout: 15_000 }).toBe(`Przekazano ${report.ref} do: Straż Miejska.`);
      await expect.poll(() => detail.locator('.report-facts').textContent()).toContain('Straż Miejska');
      await screenshot(page, 'dispatch-reassigned');

      const staffView = (await api(`${server.url}/api/reports/${report.ref}`)).body;
      expect(staffView.department.code).toBe('municipal_police');
      expect(foreign).toEqual([]);
      await context.close();
    }
  });

  it('lets a dispatcher merge a report into the nearby one it repeats, undo the merge, and hide its text', async () => {
    const [first, repeat] = litter as [{ id: number; ref: string }, { id: number; ref: string }];
    const { page, context } = await openPage(browser, server.url, WIDTHS.desktop);
    await signIn(page, dispatcher);
    await page.waitForURL(/\/dispatch$/);
    await page.getByRole('button', { name: `Otwórz ${repeat.ref}` }).click();
    const detail = page.locator('.dispatch-detail');
    const status = page.locator('.page-status').first();

    await detail.getByRole('button', { name: `Połącz z ${first.ref}` }).click();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe(`${repeat.ref} połączono z ${first.ref}.`);
    expect((await api(`${server.url}/api/reports/${repeat.ref}`)).body).toMatchObject({ status: 'duplicate', duplicate_of: first.id });
    expect((await api(`${server.url}/api/reports/${first.ref}`)).body.supporters).toBe(1);

    await detail.getByRole('button', { name: 'Cofnij połączenie' }).click();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe(`Cofnięto połączenie ${repeat.ref}.`);
    expect((await api(`${server.url}/api/reports/${repeat.ref}`)).body).toMatchObject({ status: 'new', duplicate_of: null });

    await detail.getByLabel('Ukryj opis przed publicznością').check();
    await detail.getByLabel('Powód (widoczny tylko dla pracowników)').fill('Dane osobowe w opisie');
    await detail.getByRole('button', { name: 'Zapisz moderację' }).click();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe(`Zapisano moderację ${repeat.ref}.`);
    expect((await api(`${server.url}/api/reports/${repeat.ref}`)).body.description).toBeNull();
    await context.close();
  });
});
