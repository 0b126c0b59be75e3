/**
 * Browser tests drive Debian's Chromium through playwright-core. Where that browser is missing
 * the suites are skipped with a warning (see `describeBrowser`), never passed silently.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { describe } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** The two widths every screen is checked at: a phone and a desktop. */
export const WIDTHS = { phone: { width: 375, height: 740 }, desktop: { width: 1440, height: 900 } } as const;

/**
 * `describe` that runs only where Chromium is installed; elsewhere the suite shows as skipped and
 * a warning names the missing browser.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (!hasChromium) console.warn(`browser tests "${name}" SKIPPED: no Chromium at ${CHROMIUM} (install it or set CHROMIUM_PATH)`);
  describe.skipIf(!hasChromium)(name, body);
}

/** Headless Chromium rendering WebGL in software (SwiftShader), with no background traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/**
 * A page that fails the test on any request leaving the server's origin, and collects console
 * errors for the assertion messages.
 */
export async function openPage(browser: Browser, origin: string, size: { width: number; height: number }) {
  // bypassCSP lets the tests inject axe-core; the app itself runs under the server's CSP as always.
  const context = await browser.newContext({ viewport: size, locale: 'pl-PL', timezoneId: 'Europe/Warsaw', bypassCSP: true });
  const page = await context.newPage();
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return { page, context, foreign, errors };
}

/** Saves a full-page screenshot as tests/artifacts/<name>-<width>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}-${page.viewportSize()?.width ?? 0}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until the page's map `name` has loaded and drawn every tile it asked for. */
export async function waitForMap(page: Page, name: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const map = window.ordermap?.maps[n];
      return map !== undefined && map.loaded() && map.areTilesLoaded() && !map.isMoving();
    },
    name,
    { timeout },
  );
}

/** How varied the pixels of an element are: distinct colours in a coarse palette (1 = blank). */
export async function distinctColours(page: Page, selector: string): Promise<number> {
  const png = await page.locator(selector).first().screenshot();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const seen = new Set<number>();
  for (let i = 0; i < data.length; i += info.channels) seen.add(((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4));
  return seen.size;
}

/** Pixels of an element within `tolerance` of colour `hex`. */
export async function pixelsNear(page: Page, selector: string, hex: string, tolerance = 24): Promise<number> {
  const png = await page.locator(selector).first().screenshot();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (Math.abs(data[i]! - r) <= tolerance && Math.abs(data[i + 1]! - g) <= tolerance && Math.abs(data[i + 2]! - b) <= tolerance) n++;
  }
  return n;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core on the page; returns the serious and critical violations (WCAG 2.1 A and AA). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({
      id: v.id as string,
      impact: (v.impact ?? null) as string | null,
      help: v.help as string,
      nodes: (v.nodes as Array<{ target: unknown[] }>).slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
