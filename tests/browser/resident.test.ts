import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { describeBrowser, launchBrowser, openPage, screenshot, seriousAxeViolations, waitForMap, WIDTHS } from '../support/browser.ts';
import { resetReports, testDatabase } from '../support/db.ts';
import { jpegWithGps } from '../support/images.ts';
import { api, startServer, type TestServer } from '../support/server.ts';

/** Targ Węglowy, Gdańsk: an open pothole is already reported here. */
const EXISTING = { lat: 54.3506, lon: 18.6487 };

/** Clicks the map `dx`, `dy` pixels from where `at` is drawn and returns the clicked position. */
async function clickNear(page: Page, at: { lat: number; lon: number }, dx: number, dy: number) {
  const p = await page.evaluate(({ lon, lat }) => window.ordermap!.maps.public!.project([lon, lat]), at);
  // Where the click lands, read before clicking: the open form may pan the map.
  const spot = await page.evaluate(({ x, y }) => window.ordermap!.maps.public!.unproject([x, y]), { x: p.x + dx, y: p.y + dy });
  const box = (await page.locator('#map canvas').boundingBox())!;
  await page.mouse.click(box.x + p.x + dx, box.y + p.y + dy);
  return spot;
}

describeBrowser('a resident reporting in a browser', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let existing: { id: number; ref: string };
  let photo: Buffer;

  beforeAll(async () => {
    db = await testDatabase('embedded');
    await resetReports(db);
    server = await startServer(db);
    const res = await api(`${server.url}/api/reports`, { method: 'POST', json: { category: 'pothole', ...EXISTING, description: 'Głęboka dziura przy Złotej Bramie' } });
    existing = res.body;
    photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 110, b: 130 } } }).jpeg({ quality: 80 }).toBuffer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('pins a spot, sees the nearby pothole, files a new report with a photo, and finds it on the map', async () => {
    // A different spot at each width, each about 60 m from the existing pothole.
    for (const [size, dx] of [[WIDTHS.desktop, 45], [WIDTHS.phone, -45]] as const) {
      const { page, context, foreign, errors } = await openPage(browser, server.url, size);
      await page.goto(`${server.url}/?lang=en`);
      await waitForMap(page, 'public');
      await page.evaluate(({ lon, lat }) => window.ordermap!.maps.public!.jumpTo({ center: [lon, lat + 0.0006], zoom: 16 }), EXISTING);
      await waitForMap(page, 'public');
      const spot = await clickNear(page, EXISTING, dx, 0);

      const form = page.locator('form.report-form');
      await expect.poll(() => form.isVisible()).toBe(true);
      // The category search narrows the grouped list; one match is chosen at once.
      await form.getByLabel('Search categories').fill('pothole');
      expect(await form.locator('select[name=category]').inputValue()).toBe('pothole');

      // Before sending: the open pothole nearby, with a way to support it.
      const suggestion = form.locator('.nearby-item').first();
      await expect.poll(() => suggestion.isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await suggestion.textContent()).toMatch(/Pothole, \d+ m away/);
      expect(await suggestion.getByRole('button', { name: `This is my problem: ${existing.ref}` }).isVisible()).toBe(true);

      const text = `A second hole, on the other side of the square (${size.width}).`;
      await form.locator('textarea[name=description]').fill(text);
      await form.locator('input[type=file][name=photos]').setInputFiles({ name: 'hole.jpg', mimeType: 'image/jpeg', buffer: photo });
      const preview = form.locator('.photo-previews img');
      await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
      expect(await preview.getAttribute('alt')).toBe('Preview: hole.jpg');
      await screenshot(page, 'report-form-nearby');
      if (size === WIDTHS.desktop) expect(await seriousAxeViolations(page)).toEqual([]);

      if (size === WIDTHS.phone) {
        // Offline: a clear message, and nothing typed or chosen is lost.
        await context.setOffline(true);
        await form.getByRole('button', { name: 'No, mine is different' }).click();
        await expect.poll(() => form.getByRole('alert').first().textContent()).toContain('No connection to the server');
        expect(await form.locator('textarea[name=description]').inputValue()).toBe(text);
        expect(await preview.count()).toBe(1);
        await context.setOffline(false);
      }

      await form.getByRole('button', { name: 'No, mine is different' }).click();
      const done = page.locator('.report-done');
      await expect.poll(() => done.isVisible(), { timeout: 15_000 }).toBe(true);
      const shown = (await done.textContent()) ?? '';
      const ref = /Reference: (GD-\d{4}-\d{6})/.exec(shown)?.[1];
      expect(ref, shown + errors.join('\n')).toBeDefined();
      expect(shown).toContain('Sent to: Roads Authority');
      expect(await done.locator('.report-attached').count()).toBe(0);
      expect(await done.getByRole('link', { name: 'Follow this report' }).getAttribute('href')).toBe(`/r/${ref}?lang=en`);

      const filed = (await api(`${server.url}/api/reports/${ref}`)).body;
      expect(filed).toMatchObject({ category: 'pothole', status: 'new', duplicate_of: null, description: text });
      expect(filed.photos).toHaveLength(1);
      expect(Math.abs(filed.lon - spot.lng)).toBeLessThan(1e-5);

      // The new report is drawn where it was pinned.
      await expect
        .poll(() =>
          page.evaluate(({ lng, lat }) => {
            const map = window.ordermap!.maps.public!;
            const p = map.project([lng, lat]);
            return map.queryRenderedFeatures([[p.x - 4, p.y - 4], [p.x + 4, p.y + 4]], { layers: ['reports-circles'] }).map((f) => f.id);
          }, spot),
          { timeout: 15_000 },
        )
        .toContain(filed.id);
      await screenshot(page, 'report-filed');

      // Its card on the map: category, status, age, the photo's thumbnail, supporters, a link.
      await done.getByRole('button', { name: 'Close' }).click();
      const at = await page.evaluate(({ lng, lat }) => window.ordermap!.maps.public!.project([lng, lat]), spot);
      const canvas = (await page.locator('#map canvas').boundingBox())!;
      await page.mouse.click(canvas.x + at.x, canvas.y + at.y);
      const card = page.locator('.report-details');
      await expect.poll(() => card.locator('h2').textContent(), { timeout: 10_000 }).toBe('Pothole');
      expect(await card.textContent()).toMatch(/Status: New.*Reported (just now|\d+ (second|minute)s? ago).*Supporters: 0/);
      await expect.poll(() => card.locator('.report-thumb img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      expect(await card.getByRole('link', { name: 'Report page' }).getAttribute('href')).toBe(`/r/${ref}?lang=en`);
      await screenshot(page, 'report-card');
      expect(foreign).toEqual([]);
      await context.close();
    }
  });

  it('supports the nearby report with one click instead of filing a separate one', async () => {
    const before = (await api(`${server.url}/api/reports/${existing.ref}`)).body.supporters;
    const { page, context } = await openPage(browser, server.url, WIDTHS.desktop);
    await page.goto(server.url);
    await waitForMap(page, 'public');
    await page.evaluate(({ lon, lat }) => window.ordermap!.maps.public!.jumpTo({ center: [lon, lat + 0.0006], zoom: 16 }), EXISTING);
    await waitForMap(page, 'public');
    await clickNear(page, EXISTING, 0, 40);
    const form = page.locator('form.report-form');
    await expect.poll(() => form.isVisible()).toBe(true);
    await form.locator('select[name=category]').selectOption('pothole');
    const mine = form.getByRole('button', { name: `To mój problem: ${existing.ref}` });
    await expect.poll(() => mine.isVisible(), { timeout: 10_000 }).toBe(true);
    await mine.click();
    const done = page.locator('.report-done');
    await expect.poll(() => done.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await done.locator('.report-attached').textContent()).toContain(`dołączono do istniejącego zgłoszenia ${existing.ref}`);
    expect((await api(`${server.url}/api/reports/${existing.ref}`)).body.supporters).toBe(before + 1);
    await context.close();
  });

  it('filters the map by category and status: the report tiles are asked with ?status=…&category=…, and the address keeps it', async () => {
    const { page, context } = await openPage(browser, server.url, WIDTHS.desktop);
    await page.goto(`${server.url}/?lang=en`);
    await waitForMap(page, 'public');
    await page.getByText('Filters', { exact: true }).click();
    await page.getByLabel('Category', { exact: true }).selectOption('pothole');
    await page.getByLabel('Resolved', { exact: true }).check();
    const tiles = () => page.evaluate(() => (window.ordermap!.maps.public!.getSource('reports') as unknown as { tiles: string[] }).tiles[0]);
    await expect.poll(tiles).toMatch(/\/tiles\/reports\/\{z\}\/\{x\}\/\{y\}\.mvt\?status=new%2Cacknowledged%2Cin_progress%2Cresolved&category=pothole$/);
    expect(new URL(page.url()).search).toBe('?lang=en&status=new%2Cacknowledged%2Cin_progress%2Cresolved&category=pothole');
    await expect.poll(() => page.locator('#legend-list li').count()).toBe(4);
    await waitForMap(page, 'public');
    // Reloading the address brings the same view back.
    await page.reload();
    await waitForMap(page, 'public');
    expect(await tiles()).toContain('?status=new%2Cacknowledged%2Cin_progress%2Cresolved&category=pothole');
    expect(await page.getByLabel('Resolved', { exact: true }).isChecked()).toBe(true);

    // "Report at my location" opens the form where the device is.
    await context.grantPermissions(['geolocation'], { origin: server.url });
    await context.setGeolocation({ latitude: 54.3525, longitude: 18.6466, accuracy: 8 });
    await page.getByRole('button', { name: 'Report at my location' }).click();
    await expect.poll(() => page.locator('form.report-form .form-where').textContent(), { timeout: 10_000 }).toBe('Location from your device: 54.35250, 18.64660');
    await context.close();
  });

  it('takes the spot from a photo with GPS when none was chosen, and says so', async () => {
    const at = { lat: 54.3722, lon: 18.6155 }; // Wrzeszcz
    const { page, context } = await openPage(browser, server.url, WIDTHS.phone);
    await page.goto(`${server.url}/?lang=en`);
    await waitForMap(page, 'public');
    await page.getByRole('button', { name: 'Report a problem at the map centre' }).click();
    const form = page.locator('form.report-form');
    await expect.poll(() => form.isVisible()).toBe(true);
    expect(await form.locator('.form-where').textContent()).toContain('the map centre');
    await form.locator('input[type=file][name=photos]').setInputFiles({ name: 'gps.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(at) });
    await expect.poll(() => form.locator('.form-where').textContent(), { timeout: 10_000 }).toMatch(/^Location from the photo "gps\.jpg": 54\.372\d\d, 18\.615\d\d$/);
    // A photo over the server's limit is refused at once, named, and nothing else changes.
    await form.locator('input[type=file][name=photos]').setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
    expect(await form.locator('.photo-field .field-error').textContent()).toBe('The photo "huge.jpg" is larger than 10 MB. Choose a smaller one.');
    expect(await form.locator('.photo-previews img').count()).toBe(1);
    await context.close();
  });
});
