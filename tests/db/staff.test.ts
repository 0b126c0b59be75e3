import { distance } from '@turf/turf';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { offset } from '../support/geo.ts';
import { api, startServer, type TestServer } from '../support/server.ts';
import { createStaff, signIn, type Session } from '../support/staff.ts';

const CENTRE = { lat: 54.3487, lon: 18.6536 };

describe.each(DB_KINDS)('staff work [%s]', (kind) => {
  let db: Database;
  let server: TestServer;
  const as: Record<string, Session> = {};

  const file = async (category = 'pothole', at = CENTRE, extra: Record<string, unknown> = {}) => {
    const r = await api(`${server.url}/api/reports`, { method: 'POST', json: { category, ...at, not_duplicate: true, ...extra } });
    expect(r.status).toBe(201);
    return r.body as { id: number; department: { code: string } };
  };
  const post = async (who: string, path: string, json: unknown) => {
    const res = await as[who]!.fetch(path, { method: 'POST', json });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const get = async (who: string, path: string) => {
    const res = await as[who]!.fetch(path);
    return { status: res.status, body: (await res.json()) as any };
  };
  const publicView = async (id: number) => (await api(`${server.url}/api/reports/${id}`)).body;
  /** Everything a refused call could have touched: the rows, their events (public or not) and photos. */
  const trace = async (ids: number[]) =>
    (
      await db.query(
        `SELECT r.id, r.status, r.department_id, r.duplicate_of, r.supporters, r.hidden_text, r.updated_at,
                (SELECT count(*) FROM report_events e WHERE e.report_id = r.id) AS events,
                (SELECT count(*) FROM report_photos p WHERE p.report_id = r.id AND NOT p.hidden) AS photos
           FROM reports r WHERE r.id = ANY($1::bigint[]) ORDER BY r.id`,
        [ids],
      )
    ).rows;

  beforeAll(async () => {
    db = await testDatabase(kind);
    server = await startServer(db);
    const people: Array<[string, Parameters<typeof createStaff>[1], string | null]> = [
      ['crewRoads', 'crew', 'roads'],
      ['crewGreenery', 'crew', 'greenery'],
      ['dispatcherRoads', 'dispatcher', 'roads'],
      ['dispatcherWaste', 'dispatcher', 'waste'],
      ['dispatcherContact', 'dispatcher', 'contact_centre'],
      ['planner', 'planner', null],
      ['admin', 'admin', null],
    ];
    for (const [name, role, dept] of people) as[name] = await signIn(server.url, (await createStaff(db, role, dept)).email);
  });
  afterAll(() => server.close());
  beforeEach(() => resetReports(db));

  describe('role and department boundaries, for every staff endpoint', () => {
    // Each case acts on a fresh roads report (a pothole) and says who may and who may not.
    const cases: Array<{ name: string; act: (who: string, id: number, other: number) => Promise<{ status: number }>; allowed: string[] }> = [
      { name: 'read the staff view', act: (w, id) => get(w, `/api/staff/reports/${id}`), allowed: ['crewRoads', 'dispatcherRoads', 'dispatcherContact', 'planner', 'admin'] },
      { name: 'change status', act: (w, id) => post(w, `/api/staff/reports/${id}/status`, { status: 'acknowledged' }), allowed: ['crewRoads', 'dispatcherRoads', 'dispatcherContact', 'admin'] },
      { name: 'merge', act: (w, id, other) => post(w, `/api/staff/reports/${id}/merge`, { into: other }), allowed: ['dispatcherRoads', 'dispatcherContact', 'admin'] },
      { name: 'reassign', act: (w, id) => post(w, `/api/staff/reports/${id}/department`, { department: 'waste', reason: 'rubbish, not a hole' }), allowed: ['dispatcherRoads', 'dispatcherContact', 'admin'] },
      { name: 'moderate', act: (w, id) => post(w, `/api/staff/reports/${id}/moderation`, { hide_text: true }), allowed: ['dispatcherRoads', 'dispatcherContact', 'admin'] },
    ];
    const everyone = ['crewRoads', 'crewGreenery', 'dispatcherRoads', 'dispatcherWaste', 'dispatcherContact', 'planner', 'admin'];

    for (const c of cases) {
      it(`lets only ${c.allowed.join(', ')} ${c.name}`, async () => {
        for (const who of everyone) {
          const report = await file();
          const other = await file('pothole', offset(CENTRE, 300, 0));
          const before = await trace([report.id, other.id]);
          const res = await c.act(who, report.id, other.id);
          if (c.allowed.includes(who)) {
            expect(res.status, `${who} may ${c.name}`).toBe(200);
          } else {
            expect(res.status, `${who} may not ${c.name}`).toBe(403);
            expect(await trace([report.id, other.id]), `${who}'s refused call changed nothing`).toEqual(before);
          }
        }
      });
    }

    it('lets only dispatchers of the department, the contact centre and admins unmerge', async () => {
      for (const who of everyone) {
        const master = await file();
        const dup = await file('pothole', offset(CENTRE, 10, 0));
        expect((await post('admin', `/api/staff/reports/${dup.id}/merge`, { into: master.id })).status).toBe(200);
        const res = await post(who, `/api/staff/reports/${dup.id}/unmerge`, {});
        expect(res.status, who).toBe(['dispatcherRoads', 'dispatcherContact', 'admin'].includes(who) ? 200 : 403);
      }
    });

    it('answers 401 to every staff endpoint without a session', async () => {
      const r = await file();
      for (const [method, path] of [
        ['GET', '/api/tasks/nearby?lat=54.35&lon=18.65'],
        ['GET', '/api/staff/triage'],
        ['GET', `/api/staff/reports/${r.id}`],
        ['POST', `/api/staff/reports/${r.id}/status`],
        ['POST', `/api/staff/reports/${r.id}/merge`],
        ['POST', `/api/staff/reports/${r.id}/unmerge`],
        ['POST', `/api/staff/reports/${r.id}/department`],
        ['POST', `/api/staff/reports/${r.id}/moderation`],
      ]) {
        expect((await api(server.url + path!, { method, ...(method === 'POST' ? { json: {} } : {}) })).status, path).toBe(401);
      }
    });

    it('keeps crews to field statuses on open reports, and planners to reading', async () => {
      const r = await file();
      const reject = await post('crewRoads', `/api/staff/reports/${r.id}/status`, { status: 'rejected' });
      expect(reject.status).toBe(403);
      expect(reject.body.error.code).toBe('forbidden_status');
      expect((await post('crewRoads', `/api/staff/reports/${r.id}/status`, { status: 'resolved' })).status).toBe(200);
      // Reopening is a dispatcher's decision.
      expect((await post('crewRoads', `/api/staff/reports/${r.id}/status`, { status: 'acknowledged' })).status).toBe(403);
      expect((await post('dispatcherRoads', `/api/staff/reports/${r.id}/status`, { status: 'acknowledged' })).status).toBe(200);
      const seen = await get('planner', `/api/staff/reports/${r.id}`);
      expect(seen.body.contact_email).toBeNull();
    });

    it('refuses a merge into another department’s report', async () => {
      const roads = await file();
      const waste = await file('litter', offset(CENTRE, 50, 0));
      expect(waste.department.code).toBe('waste');
      const res = await post('dispatcherRoads', `/api/staff/reports/${roads.id}/merge`, { into: waste.id });
      expect(res.status).toBe(403);
      expect((await publicView(roads.id)).status).toBe('new');
      // Nor may they undo a merge into another department's report: it takes that report's supporters.
      expect((await post('admin', `/api/staff/reports/${roads.id}/merge`, { into: waste.id })).status).toBe(200);
      const before = await trace([roads.id, waste.id]);
      expect((await post('dispatcherRoads', `/api/staff/reports/${roads.id}/unmerge`, {})).status).toBe(403);
      expect(await trace([roads.id, waste.id])).toEqual(before);
      expect((await post('dispatcherWaste', `/api/staff/reports/${roads.id}/unmerge`, {})).status).toBe(403);
      expect((await post('dispatcherContact', `/api/staff/reports/${roads.id}/unmerge`, {})).status).toBe(200);
    });
  });

  describe("a crew's nearest tasks", () => {
    it('are the open reports of its department, ordered exactly by true distance (checked with Turf)', async () => {
      const here = offset(CENTRE, -200, 150);
      const placed: Array<{ id: number; lat: number; lon: number; category: string }> = [];
      // A spiral: each report a different bearing and 37 m further than the last.
      for (let i = 0; i < 24; i++) {
        const at = offset(here, Math.cos(i * 2.4) * (60 + 37 * i), Math.sin(i * 2.4) * (60 + 37 * i));
        const category = i % 4 === 3 ? 'litter' : 'pothole';
        placed.push({ ...at, category, id: (await file(category, at)).id });
      }
      const closed = placed[2]!;
      expect((await post('admin', `/api/staff/reports/${closed.id}/status`, { status: 'resolved' })).status).toBe(200);

      const res = await get('crewRoads', `/api/tasks/nearby?lat=${here.lat}&lon=${here.lon}&radius=700&limit=50`);
      expect(res.status).toBe(200);
      const expected = placed
        .filter((p) => p.category === 'pothole' && p.id !== closed.id)
        .map((p) => ({ id: p.id, d: distance([here.lon, here.lat], [p.lon, p.lat], { units: 'meters' }) }))
        .filter((p) => p.d <= 700)
        .sort((a, b) => a.d - b.d);
      expect(expected.length).toBeGreaterThan(8);
      expect(res.body.tasks.map((t: any) => t.id)).toEqual(expected.map((e) => e.id));
      res.body.tasks.forEach((t: any, i: number) => {
        // PostGIS measures on the ellipsoid, Turf on a sphere: they agree within 0.5 %.
        expect(Math.abs(t.distance_m - expected[i]!.d) / expected[i]!.d).toBeLessThan(0.005);
        expect(t).toMatchObject({ category: 'pothole', department: 'roads', supporters: 0 });
        expect(t.age_hours).toBeGreaterThanOrEqual(0);
        expect(Array.isArray(t.photos)).toBe(true);
      });
      const limited = await get('crewRoads', `/api/tasks/nearby?lat=${here.lat}&lon=${here.lon}&radius=700&limit=3`);
      expect(limited.body.tasks.map((t: any) => t.id)).toEqual(expected.slice(0, 3).map((e) => e.id));
    });

    it('refuse another department, planners and bad input', async () => {
      expect((await get('crewRoads', '/api/tasks/nearby?lat=54.35&lon=18.65&department=greenery')).status).toBe(403);
      expect((await get('planner', '/api/tasks/nearby?lat=54.35&lon=18.65')).status).toBe(403);
      expect((await get('crewRoads', '/api/tasks/nearby?lat=95&lon=18.65')).status).toBe(400);
      expect((await get('crewRoads', '/api/tasks/nearby?lat=54.35&lon=18.65&radius=999999')).status).toBe(400);
      expect((await get('crewRoads', '/api/tasks/nearby?lon=18.65')).status).toBe(400);
    });
  });

  it('lets a crew resolve a task with an "after" photo, cleaned like residents’ photos', async () => {
    const r = await file();
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 40, g: 160, b: 60 } } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Crew 7' } })
      .toBuffer();
    const form = new FormData();
    form.set('status', 'resolved');
    form.set('note', 'patched with cold asphalt');
    form.append('photos', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'after.jpg');
    const res = await as.crewRoads!.fetch(`/api/staff/reports/${r.id}/status`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.status).toBe('resolved');
    expect(body.photos).toHaveLength(1);
    expect(body.photos[0]).toMatchObject({ kind: 'after', width: 800, height: 600 });
    const served = Buffer.from(await (await fetch(server.url + body.photos[0].url)).arrayBuffer());
    expect((await sharp(served).metadata()).exif).toBeUndefined();
    expect(body.history.at(-1)).toMatchObject({ kind: 'status', to: 'resolved', note: 'patched with cold asphalt' });

    // Two status changes with photos at once: both stand, and their photos take distinct places.
    const two = await file('pothole', offset(CENTRE, 120, 0));
    const withPhoto = (status: string) => {
      const f = new FormData();
      f.set('status', status);
      f.append('photos', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), `${status}.jpg`);
      return as.crewRoads!.fetch(`/api/staff/reports/${two.id}/status`, { method: 'POST', body: f });
    };
    const answers = await Promise.all([withPhoto('acknowledged'), withPhoto('in_progress')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const positions = (await db.query<{ position: number }>('SELECT position FROM report_photos WHERE report_id = $1 ORDER BY position', [two.id])).rows;
    expect(positions.map((p) => p.position)).toEqual([0, 1]);

    // A refused change stores no photo.
    const bad = new FormData();
    bad.set('status', 'rejected');
    bad.append('photos', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'again.jpg');
    expect((await as.crewRoads!.fetch(`/api/staff/reports/${r.id}/status`, { method: 'POST', body: bad })).status).toBe(403);
    expect((await publicView(r.id)).photos).toHaveLength(1);
  });

  it('hides text and photos from the public but keeps them for staff, with a public trace and a private reason', async () => {
    const jpeg = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#888' } }).jpeg().toBuffer();
    const form = new FormData();
    for (const [k, v] of Object.entries({ category: 'pothole', lat: String(CENTRE.lat), lon: String(CENTRE.lon), description: 'Call 600-000-000, the mayor is a …' })) form.set(k, v);
    form.append('photos', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'a.jpg');
    form.append('photos', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'b.jpg');
    const filed = (await (await fetch(`${server.url}/api/reports`, { method: 'POST', body: form })).json()) as any;
    const res = await post('dispatcherRoads', `/api/staff/reports/${filed.id}/moderation`, { hide_text: true, hide_photos: [1], note: 'personal data and insults' });
    expect(res.status).toBe(200);
    const pub = await publicView(filed.id);
    expect(pub.description).toBeNull();
    expect(pub.photos).toHaveLength(1);
    expect(pub.history.at(-1)).toMatchObject({ kind: 'moderation', to: 'text hidden, 1 photo(s) hidden', note: null });
    expect(JSON.stringify(pub)).not.toContain('personal data and insults');
    const staff = await get('dispatcherRoads', `/api/staff/reports/${filed.id}`);
    expect(staff.body.history.at(-1)).toMatchObject({ kind: 'note', note: 'personal data and insults', is_public: false });
    // Staff see every photo with the position moderation addresses it by.
    expect(staff.body.photos.map((p: { position: number; hidden: boolean }) => [p.position, p.hidden])).toEqual([[0, false], [1, true]]);
    // The hidden photo's file is gone for the public, and still there for staff.
    const hiddenUrl = filed.photos[1].url as string;
    expect((await fetch(server.url + hiddenUrl)).status).toBe(404);
    const forStaff = await as.dispatcherRoads!.fetch(hiddenUrl);
    expect(forStaff.status).toBe(200);
    expect(forStaff.headers.get('cache-control')).toBe('private, no-store');
    expect((await fetch(server.url + filed.photos[0].url)).status).toBe(200);
    expect((await post('dispatcherRoads', `/api/staff/reports/${filed.id}/moderation`, { hide_photos: [7] })).status).toBe(400);
    expect((await post('dispatcherRoads', `/api/staff/reports/${filed.id}/moderation`, {})).status).toBe(400);
    expect((await post('dispatcherRoads', `/api/staff/reports/${filed.id}/moderation`, { show_photos: [1] })).status).toBe(200);
    expect((await publicView(filed.id)).photos).toHaveLength(2);
  });

  it("gives dispatchers a triage queue, oldest first: their department's new reports, everything unrouted for the contact centre", async () => {
    const first = await file('pothole');
    const unrouted = await file('other', offset(CENTRE, 80, 0));
    const litter = await file('litter', offset(CENTRE, 160, 0));
    const acknowledged = await file('pothole', offset(CENTRE, 240, 0));
    await post('admin', `/api/staff/reports/${acknowledged.id}/status`, { status: 'acknowledged' });
    const last = await file('pothole', offset(CENTRE, 320, 0));

    const roads = await get('dispatcherRoads', '/api/staff/triage');
    expect(roads.body.reports.map((r: any) => r.id)).toEqual([first.id, last.id]);
    const contact = await get('dispatcherContact', '/api/staff/triage');
    expect(contact.body.reports.map((r: any) => r.id)).toEqual([first.id, unrouted.id, litter.id, last.id]);
    const onlyUnrouted = await get('dispatcherContact', '/api/staff/triage?needs_triage=true');
    expect(onlyUnrouted.body.reports.map((r: any) => r.id)).toEqual([unrouted.id]);
    expect((await get('dispatcherContact', '/api/staff/triage?department=waste')).body.reports.map((r: any) => r.id)).toEqual([litter.id]);
    expect((await get('dispatcherRoads', '/api/staff/triage?department=waste')).status).toBe(403);
    expect((await get('crewRoads', '/api/staff/triage')).status).toBe(403);

    // Routing it by hand takes it out of the unrouted queue.
    expect((await post('dispatcherContact', `/api/staff/reports/${unrouted.id}/department`, { department: 'roads', reason: 'a sunken drain cover' })).status).toBe(200);
    expect((await get('dispatcherContact', '/api/staff/triage?needs_triage=true')).body.reports).toEqual([]);
  });
});
