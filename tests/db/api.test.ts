import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { api, startServer, type TestServer } from '../support/server.ts';

// Długi Targ, Gdańsk (Śródmieście).
const CENTRE = { lat: 54.3487, lon: 18.6536 };

describe.each(DB_KINDS)('report API [%s]', (kind) => {
  let db: Database;
  let server: TestServer;
  const count = async () => (await db.query<{ n: number }>('SELECT count(*) AS n FROM reports')).rows[0]!.n;

  beforeAll(async () => {
    db = await testDatabase(kind);
    server = await startServer(db);
  });
  afterAll(() => server.close());
  beforeEach(() => resetReports(db));

  it('reports health with the database kind and the PostGIS version', async () => {
    const res = await api(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { kind } });
    expect(res.body.database.postgis).toMatch(/^3\.\d+/);
    expect(res.body.database.tile_encoder).toBe(kind === 'server' ? 'postgis' : 'js');
  });

  it('lists the seeded categories with their groups', async () => {
    const res = await api(`${server.url}/api/categories`);
    expect(res.status).toBe(200);
    const codes = res.body.categories.map((c: { code: string }) => c.code);
    expect(codes).toContain('pothole');
    expect(codes).toContain('illegal_dumping');
    expect(res.body.categories.find((c: { code: string }) => c.code === 'pothole')).toMatchObject({ group: 'roads', dup_radius_m: 30 });
  });

  it('lists the departments by name, the contact centre marked as the fallback', async () => {
    const res = await api(`${server.url}/api/departments`);
    expect(res.status).toBe(200);
    const fallback = res.body.departments.filter((d: { is_fallback: boolean }) => d.is_fallback);
    expect(fallback).toHaveLength(1);
    expect(res.body.departments.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(res.body.departments[0]).sort()).toEqual(['code', 'is_fallback', 'name_en', 'name_pl']);
  });

  it('files a report, routes it by its spot and returns it with a readable reference', async () => {
    const res = await api(`${server.url}/api/reports`, {
      method: 'POST',
      json: { category: 'pothole', ...CENTRE, description: 'Deep hole by the fountain', contact_email: 'ala@example.org' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/reports/${res.body.id}`);
    expect(res.body).toMatchObject({
      category: 'pothole',
      status: 'new',
      description: 'Deep hole by the fountain',
      district: 'Śródmieście',
      department: { code: 'roads' },
      needs_triage: false,
      lat: CENTRE.lat,
      lon: CENTRE.lon,
    });
    expect(res.body.ref).toMatch(new RegExp(`^GD-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(JSON.stringify(res.body)).not.toContain('ala@example.org');

    const byId = await api(`${server.url}/api/reports/${res.body.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body.ref).toBe(res.body.ref);
    expect(byId.body.history).toEqual([expect.objectContaining({ kind: 'created', to: 'new' })]);
    expect(JSON.stringify(byId.body)).not.toContain('ala@example.org');
    const byRef = await api(`${server.url}/api/reports/${res.body.ref}`);
    expect(byRef.body.id).toBe(res.body.id);
  });

  it('sends a category that no area claims to the contact centre for triage', async () => {
    const res = await api(`${server.url}/api/reports`, { method: 'POST', json: { category: 'other', ...CENTRE } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ department: { code: 'contact_centre' }, needs_triage: true });
  });

  it.each([
    ['a missing category', { ...CENTRE }, 400, 'validation_failed', /category is required/],
    ['a latitude of 91', { category: 'pothole', lat: 91, lon: 18.65 }, 400, 'validation_failed', /lat must be between -90 and 90/],
    ['an unknown category', { category: 'volcano', ...CENTRE }, 400, 'unknown_category', /Unknown category "volcano"/],
    ['a point outside the city (Warsaw)', { category: 'pothole', lat: 52.2297, lon: 21.0122 }, 422, 'outside_service_area', /outside the area the city serves/],
    ['a point in the Gulf of Gdańsk', { category: 'pothole', lat: 54.45, lon: 18.75 }, 422, 'outside_service_area', /outside/],
    ['a 100 kB description', { category: 'pothole', ...CENTRE, description: 'x'.repeat(100_000) }, 400, 'validation_failed', /description is at most 4000 characters/],
  ])('refuses %s with a clear error and stores nothing', async (_name, body, status, code, message) => {
    const res = await api(`${server.url}/api/reports`, { method: 'POST', json: body });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error).toHaveProperty('details');
    expect(await count()).toBe(0);
  });

  it('refuses malformed JSON, a body over 1 MB and a non-JSON body', async () => {
    const bad = await fetch(`${server.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"category":' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_body');
    const big = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'pothole', ...CENTRE, description: 'x'.repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    const text = await fetch(`${server.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'pothole' });
    expect(text.status).toBe(415);
    expect(await count()).toBe(0);
  });

  it('lists open reports inside a bbox as GeoJSON, without contact data', async () => {
    for (const [dLat, category] of [[0, 'pothole'], [0.001, 'litter'], [0.002, 'graffiti']] as const) {
      const r = await api(`${server.url}/api/reports`, {
        method: 'POST',
        json: { category, lat: CENTRE.lat + dLat, lon: CENTRE.lon, contact_phone: '+48 600 100 200' },
      });
      expect(r.status).toBe(201);
    }
    const res = await api(`${server.url}/api/reports?bbox=18.64,54.34,18.67,54.36`);
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features).toHaveLength(3);
    expect(res.body.features[0].geometry).toEqual({ type: 'Point', coordinates: [CENTRE.lon, CENTRE.lat + 0.002] });
    expect(JSON.stringify(res.body)).not.toContain('600 100 200');
    const filtered = await api(`${server.url}/api/reports?bbox=18.64,54.34,18.67,54.36&category=litter`);
    expect(filtered.body.features.map((f: any) => f.properties.category)).toEqual(['litter']);
    const elsewhere = await api(`${server.url}/api/reports?bbox=18.5,54.3,18.6,54.33`);
    expect(elsewhere.body.features).toHaveLength(0);
  });

  it('answers 400 for a bad bbox or status and 404 for an unknown report or route', async () => {
    expect((await api(`${server.url}/api/reports?bbox=1,2,3`)).body.error.code).toBe('invalid_bbox');
    expect((await api(`${server.url}/api/reports?bbox=18,54,19,55&status=lost`)).status).toBe(400);
    expect((await api(`${server.url}/api/reports/999999`)).status).toBe(404);
    expect((await api(`${server.url}/api/reports/abc`)).status).toBe(400);
    const unknown = await api(`${server.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });
});

describe('the page security headers', () => {
  it('do not force HTTPS on a plain-HTTP deployment and allow an http basemap when configured', async () => {
    const db = await testDatabase('embedded');
    const server = await startServer(db, { basemapStyleUrl: 'http://tiles.lan/style.json' });
    try {
      const res = await fetch(`${server.url}/api/health`);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).not.toMatch(/upgrade-insecure-requests/);
      expect(csp).toMatch(/connect-src 'self' http:/);
      expect(csp).toMatch(/worker-src 'self' blob:/);
    } finally {
      await server.close();
    }
  });
});
