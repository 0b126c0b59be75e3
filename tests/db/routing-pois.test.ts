import fs from 'node:fs';
import type { FeatureCollection, Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, slug } from '../../fixtures/cities.ts';
import type { Database } from '../../server/db/database.ts';
import { DB_KINDS, resetReports, testDatabase } from '../support/db.ts';
import { api, startServer, type TestServer } from '../support/server.ts';

// 74 cultural institutions of Gdańsk, each labelled with its district (DZIELNICA).
const pois = JSON.parse(fs.readFileSync(`${FIXTURES_DIR}cities/gdansk/culture-pois.geojson`, 'utf8')) as FeatureCollection<Point>;

// Informal names in the labels for official districts (see fixtures/README.md and SOURCES.md).
const ALIASES: Record<string, string> = {
  morena: 'piecki-migowo',
  zabianka: 'zabianka-wejhera-jelitkowo-tysiaclecia',
  sobieszewo: 'wyspa-sobieszewska',
};

// Known exceptions, by POI ID: the official polygon containing the point is not the labelled
// district. Two true edge cases (SOURCES.md) and one label older than the split of Chełm.
const EXCEPTIONS: Record<number, { district: string; why: string }> = {
  6: { district: 'mlyniska', why: 'Europejskie Centrum Solidarności, labelled Śródmieście, lies just inside Młyniska' },
  67: { district: 'aniolki', why: 'Opera Bałtycka, labelled Wrzeszcz Górny, lies in Aniołki' },
  50: { district: 'orunia-gorna-gdansk-poludnie', why: 'a library branch (Emilii Hoene 6) labelled Chełm; the spot went to Orunia Górna – Gdańsk Południe when Chełm was split' },
};

/** The official district code a DZIELNICA label means: trimmed, ASCII, dashes, aliases resolved. */
function labelledDistrict(label: string): string {
  const code = slug(label);
  return ALIASES[code] ?? code;
}

describe.each(DB_KINDS)('routing the 74 labelled Gdańsk addresses [%s]', (kind) => {
  let db: Database;
  let server: TestServer;

  beforeAll(async () => {
    db = await testDatabase(kind);
    await resetReports(db);
    server = await startServer(db);
  });
  afterAll(async () => {
    await server.close();
    await resetReports(db);
  });

  it('routes a pothole at each address through the roads area of its labelled district', async () => {
    expect(pois.features).toHaveLength(74);
    const outcomes: Array<{ id: number; name: string; expected: string; got: string | null }> = [];
    for (const f of pois.features) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const name = String(f.properties!.NAZWA);
      const res = await api(`${server.url}/api/reports`, { method: 'POST', json: { category: 'pothole', lat, lon, not_duplicate: true } });
      expect(res.status, name).toBe(201);
      expect(res.body.department.code, name).toBe('roads');
      const { rows } = await db.query<{ area: string | null }>(
        'SELECT a.name AS area FROM reports r LEFT JOIN department_areas a ON a.id = r.area_id WHERE r.id = $1',
        [res.body.id],
      );
      const exception = EXCEPTIONS[Number(f.properties!.ID)];
      const expected = `gdansk:${exception?.district ?? labelledDistrict(String(f.properties!.DZIELNICA))}`;
      outcomes.push({ id: Number(f.properties!.ID), name, expected, got: rows[0]!.area });
    }
    const mismatches = outcomes.filter((o) => o.got !== o.expected);
    expect(mismatches).toEqual([]);
    // 71 are routed through the area of their (normalised) labelled district; the 3 known
    // exceptions through the area of the district that contains them.
    expect(outcomes.filter((o) => !(o.id in EXCEPTIONS))).toHaveLength(71);
  });
});
