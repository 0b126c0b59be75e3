import { booleanPointInPolygon } from '@turf/turf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogue, loadCity } from '../../fixtures/cities.ts';
import { generateReports } from '../../fixtures/synthetic.ts';
import type { Database } from '../../server/db/database.ts';
import { prepareReports, type IntakeItem } from '../../server/services/intake.ts';
import { insertReports } from '../../server/store/reports.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { createStaff, signIn, type Session } from '../support/staff.ts';

const A = { lat: 54.3487, lon: 18.6536 }; // Długi Targ (Śródmieście)
const B = { lat: 54.4, lon: 18.57 }; // Oliwa
const HOUR = 3_600_000;

describe.each(DB_KINDS)("planners' analytics [%s]", (kind) => {
  let db: Database;
  let server: TestServer;
  let planner: Session;
  let admin: Session;

  const insert = (items: IntakeItem[]) => db.transaction(async (c) => insertReports(c, await prepareReports(c, items)));
  const json = async (s: Session, path: string) => {
    const res = await s.fetch(path);
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    return res.json() as Promise<any>;
  };

  beforeAll(async () => {
    db = await testDatabase(kind);
    server = await startServer(db);
    planner = await signIn(server.url, (await createStaff(db, 'planner')).email);
    admin = await signIn(server.url, (await createStaff(db, 'admin')).email);
  });
  afterAll(() => server.close());
  beforeEach(() => resetReports(db));

  it('counts reports per hexagon, each report inside the hexagon that counts it', async () => {
    const points = [
      ...Array.from({ length: 10 }, () => ({ ...A })),
      ...Array.from({ length: 5 }, (_, i) => ({ lat: B.lat + i * 0.0001, lon: B.lon })),
    ];
    await insert(points.map((p) => ({ ...p, category: 'pothole', description: '' })));
    const fc = await json(planner, '/api/analytics/hexbins?cell=500');
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.reduce((s: number, f: any) => s + f.properties.count, 0)).toBe(15);
    const cellOf = (p: { lat: number; lon: number }) => fc.features.find((f: any) => booleanPointInPolygon([p.lon, p.lat], f.geometry));
    expect(cellOf(A).properties.count).toBe(10);
    expect(cellOf(B).properties.count).toBe(5);
  });

  it('filters hexbins by category, status, department and period, and refuses unknown codes', async () => {
    const now = Date.now();
    await insert([
      { ...A, category: 'pothole', description: '' },
      { ...A, category: 'litter', description: '' },
      { ...A, category: 'litter', description: '', status: 'resolved', createdAt: new Date(now - 40 * 24 * HOUR), closedAt: new Date(now - 39 * 24 * HOUR), resolvedAt: new Date(now - 39 * 24 * HOUR) },
    ]);
    const total = async (q: string) => (await json(planner, `/api/analytics/hexbins?cell=1000&${q}`)).features.reduce((s: number, f: any) => s + f.properties.count, 0);
    expect(await total('category=litter')).toBe(2);
    expect(await total('status=resolved')).toBe(1);
    expect(await total('department=roads')).toBe(1);
    expect(await total(`from=${new Date(now - 7 * 24 * HOUR).toISOString()}`)).toBe(2);
    for (const q of ['category=lava', 'status=lost', 'department=nasa', 'cell=50', 'cell=9000', 'from=yesterday', 'from=2026-02-01&to=2026-01-01']) {
      const res = await planner.fetch(`/api/analytics/hexbins?${q}`);
      expect(res.status, q).toBe(400);
    }
  });

  it('shows the demo seed\'s hotspots as significant Gi* hot spots', async () => {
    const city = loadCity('gdansk');
    const { reports, hotspots } = generateReports(city.districts, loadCatalogue().categories, { count: 600, seed: 2026, days: 300 });
    await insert(reports.map((r) => ({ ...r, source: 'demo' })));
    const fc = await json(planner, '/api/analytics/hotspots?cell=500');
    expect(fc.study_cells).toBeGreaterThan(800);
    expect(fc.band_m).toBe(500);
    for (const h of hotspots) {
      const cell = fc.features.find((f: any) => booleanPointInPolygon([h.lon, h.lat], f.geometry));
      expect(cell, `hotspot at ${h.lon},${h.lat}`).toBeDefined();
      expect(['hot_99', 'hot_95']).toContain(cell.properties.class);
      expect(cell.properties.p).toBeLessThan(0.05);
    }
    expect(fc.summary.hot_99).toBeGreaterThanOrEqual(hotspots.length);
  });

  it('counts reports per day and category in the local time zone', async () => {
    // 23:30 UTC on 1 March is already 2 March in Warsaw (UTC+1 in winter).
    const at = (iso: string) => new Date(iso);
    await insert([
      { ...A, category: 'pothole', description: '', createdAt: at('2026-03-01T10:00:00Z') },
      { ...A, category: 'pothole', description: '', createdAt: at('2026-03-01T23:30:00Z') },
      { ...A, category: 'litter', description: '', createdAt: at('2026-03-01T23:45:00Z') },
    ]);
    const q = 'from=2026-02-20&to=2026-03-10';
    const daily = await json(planner, `/api/analytics/timeseries?interval=day&${q}`);
    expect(daily.series).toEqual([
      { period: '2026-03-01', category: 'pothole', n: 1 },
      { period: '2026-03-02', category: 'litter', n: 1 },
      { period: '2026-03-02', category: 'pothole', n: 1 },
    ]);
    const utc = await json(planner, `/api/analytics/timeseries?interval=month&tz=UTC&${q}`);
    expect(utc.series).toEqual([
      { period: '2026-03-01', category: 'litter', n: 1 },
      { period: '2026-03-01', category: 'pothole', n: 2 },
    ]);
    expect((await planner.fetch('/api/analytics/timeseries?interval=hour')).status).toBe(400);
  });

  it('keeps the daily counts exact through filing, status changes and deletion (checked against a count in JS)', async () => {
    const now = Date.now();
    const items: IntakeItem[] = Array.from({ length: 240 }, (_, i) => ({
      ...A,
      category: ['pothole', 'litter', 'graffiti'][i % 3]!,
      description: '',
      // Spread over 40 days, at every hour of the day, so local and UTC days differ.
      createdAt: new Date(now - ((i * 4 + 1) * 3_600_000 + (i % 7) * 611_000)),
    }));
    const ids = await insert(items);
    await db.query(`UPDATE reports SET status = 'resolved', resolved_at = now(), closed_at = now() WHERE id = ANY($1::bigint[])`, [ids.filter((_, i) => i % 5 === 0)]);
    await db.query('DELETE FROM reports WHERE id = ANY($1::bigint[])', [ids.filter((_, i) => i % 11 === 0)]);

    const kept = items.map((it, i) => ({ ...it, i })).filter(({ i }) => i % 11 !== 0);
    const from = new Date(now - 30 * 24 * HOUR + 5 * HOUR + 17 * 60_000);
    const to = new Date(now - 2 * HOUR - 600_000);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit' });
    const expect_ = (keep: (it: (typeof kept)[number]) => boolean) => {
      const counts = new Map<string, number>();
      for (const it of kept) {
        if (it.createdAt! < from || it.createdAt! >= to || !keep(it)) continue;
        const key = `${day.format(it.createdAt!)}|${it.category}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => ({ period: k.split('|')[0], category: k.split('|')[1], n }));
    };
    const q = `from=${from.toISOString()}&to=${to.toISOString()}`;
    expect((await json(planner, `/api/analytics/timeseries?interval=day&${q}`)).series).toEqual(expect_(() => true));
    expect((await json(planner, `/api/analytics/timeseries?interval=day&status=new&category=litter,pothole&${q}`)).series).toEqual(
      expect_((it) => it.i % 5 !== 0 && it.category !== 'graffiti'),
    );
    // Another time zone is counted from the reports themselves: the same totals.
    const utc = (await json(planner, `/api/analytics/timeseries?interval=month&tz=UTC&${q}`)).series;
    expect(utc.reduce((n: number, r: { n: number }) => n + r.n, 0)).toBe(expect_(() => true).reduce((n, r) => n + r.n, 0));
    // After a reset nothing is left.
    await resetReports(db);
    expect((await json(planner, `/api/analytics/timeseries?interval=day&${q}`)).series).toEqual([]);
  });

  it('gives each department its backlog, median and 90th-percentile times and share closed not fixed', async () => {
    const t0 = Date.now() - 30 * 24 * HOUR;
    const done = (ackH: number, resolveH: number, status: 'resolved' | 'closed_not_fixed'): IntakeItem => ({
      ...A,
      category: 'pothole',
      description: '',
      status,
      createdAt: new Date(t0),
      acknowledgedAt: new Date(t0 + ackH * HOUR),
      resolvedAt: status === 'resolved' ? new Date(t0 + resolveH * HOUR) : null,
      closedAt: new Date(t0 + resolveH * HOUR),
    });
    await insert([
      done(1, 10, 'resolved'),
      done(2, 20, 'resolved'),
      done(3, 30, 'resolved'),
      done(4, 40, 'closed_not_fixed'),
      { ...A, category: 'pothole', description: '' },
      { ...A, category: 'pothole', description: '', status: 'in_progress', acknowledgedAt: new Date() },
      { ...A, category: 'litter', description: '' },
    ]);
    const { departments } = await json(planner, '/api/analytics/departments');
    const roads = departments.find((d: any) => d.code === 'roads');
    expect(roads).toMatchObject({ open_backlog: 2, reports_in_period: 6, closed: 4, closed_not_fixed: 1, closed_not_fixed_share: 0.25 });
    // Acknowledged after 1, 2, 3, 4 h and ~0 h (the in-progress one): median 2 h.
    expect(roads.ack_median_h).toBeCloseTo(2, 1);
    // Resolved after 10, 20, 30 h: median 20 h; 90th percentile (continuous) 28 h.
    expect(roads.resolve_median_h).toBeCloseTo(20, 5);
    expect(roads.resolve_p90_h).toBeCloseTo(28, 5);
    expect(departments.find((d: any) => d.code === 'waste')).toMatchObject({ open_backlog: 1, reports_in_period: 1 });
  });

  it('streams exports as CSV and GeoJSON, with personal data for admins only', async () => {
    await insert([
      { ...A, category: 'pothole', description: '=HYPERLINK("x")', contactEmail: 'jan@example.org', contactPhone: '+48 600 000 001' },
      { ...B, category: 'litter', description: 'Papers, "lots" of them\nand bottles' },
    ]);
    const csv = await (await planner.fetch('/api/exports/reports.csv')).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,ref,category,status,department,district,lon,lat,supporters,duplicate_of,description,created_at,acknowledged_at,resolved_at,closed_at');
    expect(csv).not.toContain('jan@example.org');
    expect(csv).toContain(`'=HYPERLINK(""x"")`);
    expect(csv).toContain('"Papers, ""lots"" of them\nand bottles"');
    const adminCsv = await (await admin.fetch('/api/exports/reports.csv?category=pothole')).text();
    expect(adminCsv.split('\r\n')[0]).toMatch(/,contact_email,contact_phone$/);
    expect(adminCsv).toContain('jan@example.org');
    expect(adminCsv.trim().split('\r\n')).toHaveLength(2);

    const res = await planner.fetch('/api/exports/reports.geojson');
    expect(res.headers.get('content-type')).toMatch(/application\/geo\+json/);
    const fc = await res.json();
    expect(fc.features).toHaveLength(2);
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [A.lon, A.lat] });
    expect(JSON.stringify(fc)).not.toContain('jan@example.org');
    const empty = await (await planner.fetch('/api/exports/reports.geojson?category=graffiti')).json();
    expect(empty).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('refuses analytics and exports to crews and dispatchers', async () => {
    for (const [role, dept] of [['crew', 'roads'], ['dispatcher', 'contact_centre']] as const) {
      const s = await signIn(server.url, (await createStaff(db, role, dept)).email);
      for (const path of ['/api/analytics/hexbins', '/api/analytics/hotspots', '/api/analytics/timeseries', '/api/analytics/departments', '/api/exports/reports.csv']) {
        const res = await s.fetch(path);
        expect(res.status, `${role} ${path}`).toBe(403);
      }
    }
  });
});
