import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { hugePng, jpegWithGps } from '../support/images.ts';
import { startServer, type TestServer } from '../support/server.ts';

// Długi Targ, Gdańsk (Śródmieście).
const CENTRE = { lat: 54.3487, lon: 18.6536 };

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe.each(DB_KINDS)('photos [%s]', (kind) => {
  let db: Database;
  let server: TestServer;
  let dataDir: string;
  const rows = async () =>
    (await db.query<{ r: number; p: number }>('SELECT (SELECT count(*) FROM reports) AS r, (SELECT count(*) FROM report_photos) AS p')).rows[0];

  const send = async (fields: Record<string, string | number>, photos: Array<[name: string, data: Buffer, type?: string]>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
    for (const [name, data, type] of photos) form.append('photos', new Blob([new Uint8Array(data)], { type: type ?? 'image/jpeg' }), name);
    const res = await fetch(`${server.url}/api/reports`, { method: 'POST', body: form });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    db = await testDatabase(kind);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'om-photos-'));
    server = await startServer(db, { dataDir });
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await resetReports(db);
    await fs.rm(path.join(dataDir, 'media'), { recursive: true, force: true });
  });

  it('places a report by its photo’s GPS and serves the photo with no EXIF at all, upright, in two sizes', async () => {
    const photo = await jpegWithGps(CENTRE, { width: 3000, height: 2000, orientation: 6 });
    expect((await exifr.gps(photo))!.latitude).toBeCloseTo(CENTRE.lat, 4);
    const res = await send({ category: 'pothole', description: 'by the fountain' }, [['IMG_0001.jpg', photo]]);
    expect(res.status).toBe(201);
    expect(res.body.lat).toBeCloseTo(CENTRE.lat, 4);
    expect(res.body.lon).toBeCloseTo(CENTRE.lon, 4);
    expect(res.body.district).toBe('Śródmieście');
    // Orientation 6 means "turn 90° clockwise": the stored photo is portrait, at most 2048 px.
    expect(res.body.photos).toEqual([
      {
        kind: 'report',
        url: expect.stringMatching(/^\/media\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/),
        width: 1365,
        height: 2048,
        thumbnail: { url: expect.stringMatching(/-t\.jpg$/), width: 213, height: 320 },
      },
    ]);

    const full = await fetch(server.url + res.body.photos[0].url);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    expect(full.headers.get('cache-control')).toBe('public, max-age=86400');
    const bytes = Buffer.from(await full.arrayBuffer());
    expect(await exifr.parse(bytes, true)).toBeUndefined();
    expect(await exifr.gps(bytes)).toBeUndefined();
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ width: 1365, height: 2048, format: 'jpeg' });
    for (const block of ['exif', 'xmp', 'iptc', 'orientation']) expect(meta).not.toHaveProperty(block);
    const thumb = Buffer.from(await (await fetch(server.url + res.body.photos[0].thumbnail.url)).arrayBuffer());
    expect(await exifr.parse(thumb, true)).toBeUndefined();
    expect((await sharp(thumb).metadata()).height).toBe(320);

    const again = await (await fetch(`${server.url}/api/reports/${res.body.id}`)).json();
    expect(again.photos).toEqual(res.body.photos);
    expect(await rows()).toEqual({ r: 1, p: 1 });
  });

  it('prefers the coordinates sent over the photo’s GPS and keeps up to five photos in order', async () => {
    const elsewhere = { lat: 54.4, lon: 18.6 };
    const photos = await Promise.all([1, 2, 3, 4, 5].map((i) => jpegWithGps(elsewhere, { width: 100 * i, height: 100 })));
    const res = await send({ category: 'litter', ...CENTRE }, photos.map((p, i) => [`p${i}.jpg`, p] as [string, Buffer]));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ lat: CENTRE.lat, lon: CENTRE.lon });
    expect(res.body.photos.map((p: { width: number }) => p.width)).toEqual([100, 200, 300, 400, 500]);
    expect(await filesUnder(path.join(dataDir, 'media'))).toHaveLength(10);
  });

  it('asks for a position when neither the form nor the first photo has one', async () => {
    const res = await send({ category: 'pothole' }, [['no-gps.jpg', await jpegWithGps(null)]]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'location_required', details: { file: 'no-gps.jpg' } });
    expect(res.body.error.message).toMatch(/no-gps\.jpg/);
    expect(await rows()).toEqual({ r: 0, p: 0 });
  });

  it.each([
    ['a 20,000 × 20,000 px PNG', 'huge.png', () => hugePng(20_000), 413, /huge\.png.*20000 × 20000 px/],
    ['a text file named .jpg', 'notes.jpg', async () => Buffer.from('This is not a photo, just text.\n'.repeat(20)), 415, /notes\.jpg.*not an image/],
    ['a truncated JPEG', 'cut.jpg', async () => (await jpegWithGps(CENTRE, { width: 1200, height: 900 })).subarray(0, 4000), 422, /cut\.jpg.*incomplete/],
    ['a file over 10 MB', 'big.jpg', async () => Buffer.alloc(10 * 1024 * 1024 + 1, 7), 413, /big\.jpg.*larger than 10 MB/],
  ])('refuses %s, naming the file, and leaves no report, row or file', async (_name, file, make, status, message) => {
    const good = await jpegWithGps(CENTRE);
    const res = await send({ category: 'pothole', ...CENTRE }, [['good.jpg', good], [file, await make()]]);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe('invalid_photo');
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.details.file).toBe(file);
    expect(await rows()).toEqual({ r: 0, p: 0 });
    expect(await filesUnder(path.join(dataDir, 'media'))).toEqual([]);
  });

  it('refuses a photo whose GPS lies outside the city, leaving no file', async () => {
    const warsaw = await jpegWithGps({ lat: 52.2297, lon: 21.0122 });
    const res = await send({ category: 'pothole' }, [['warsaw.jpg', warsaw]]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('outside_service_area');
    expect(await rows()).toEqual({ r: 0, p: 0 });
    expect(await filesUnder(path.join(dataDir, 'media'))).toEqual([]);
  });

  it('asks for a photo when the category requires one', async () => {
    await db.query(`UPDATE categories SET photo_required = true WHERE code = 'illegal_dumping'`);
    try {
      const res = await send({ category: 'illegal_dumping', ...CENTRE }, []);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('photo_required');
      const ok = await send({ category: 'illegal_dumping', ...CENTRE }, [['dump.jpg', await jpegWithGps(null)]]);
      expect(ok.status).toBe(201);
      expect(await rows()).toEqual({ r: 1, p: 1 });
    } finally {
      await db.query(`UPDATE categories SET photo_required = false WHERE code = 'illegal_dumping'`);
    }
  });

  it('stores HTML in a description as plain text and gives it back unchanged', async () => {
    const html = '<script>alert(1)</script><b>hole</b> & "more"';
    const res = await send({ category: 'pothole', ...CENTRE, description: html }, []);
    expect(res.status).toBe(201);
    expect(res.body.description).toBe(html);
    const raw = await fetch(`${server.url}/api/reports/${res.body.id}`);
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a sixth photo and photos in an unexpected field', async () => {
    const p = await jpegWithGps(CENTRE, { width: 50, height: 50 });
    const six = await send({ category: 'pothole', ...CENTRE }, Array.from({ length: 6 }, (_, i) => [`p${i}.jpg`, p] as [string, Buffer]));
    expect(six.status).toBe(413);
    expect(six.body.error.message).toMatch(/At most 5 photos/);
    const form = new FormData();
    form.set('category', 'pothole');
    form.append('picture', new Blob([new Uint8Array(p)]), 'p.jpg');
    const wrong = await fetch(`${server.url}/api/reports`, { method: 'POST', body: form });
    expect(wrong.status).toBe(400);
    expect(await rows()).toEqual({ r: 0, p: 0 });
  });

  it('answers 404 in the standard shape for a photo that does not exist', async () => {
    const res = await fetch(`${server.url}/media/2026/01/nothing.jpg`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
