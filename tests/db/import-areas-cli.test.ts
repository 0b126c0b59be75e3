import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../fixtures/cities.ts';
import type { Database } from '../../server/db/database.ts';
import { testDatabase } from '../support/db.ts';

const run = promisify(execFile);

// The CLI opens its own connection, so it needs a server database (the embedded test database
// lives in this process's memory). The URL is the one tests/support/db.ts gives this worker.
const serverUrl = (() => {
  if (!process.env.TEST_DATABASE_URL) return undefined;
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${url.pathname.slice(1) || 'ordermap'}_w${process.env.VITEST_POOL_ID ?? '0'}`;
  return url.toString();
})();

describe.skipIf(!serverUrl)('npm run import:areas [server]', () => {
  let db: Database;
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'server/cli/import-areas.ts', ...args], {
      env: { ...process.env, DATABASE_URL: serverUrl },
      cwd: path.join(FIXTURES_DIR, '..'),
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  beforeAll(async () => {
    db = await testDatabase('server');
  });

  it('reports a dry run of the seeded city areas and changes nothing', async () => {
    const before = (await db.query('SELECT id, name FROM department_areas ORDER BY id')).rows;
    const res = await cli(path.join(FIXTURES_DIR, 'cities/gdansk/areas.geojson'), '--dry-run');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ dry_run: true, departments: ['parks', 'port_authority'], features: 2, imported: 2, areas_replaced: 2, rejected: [] });
    expect(res.stderr).toMatch(/would replace 2 area\(s\) of parks, port_authority/);
    expect((await db.query('SELECT id, name FROM department_areas ORDER BY id')).rows).toEqual(before);
  });

  it('exits 1 and lists the rejected features of a bad file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'om-areas-'));
    const file = path.join(dir, 'bad.geojson');
    await fs.writeFile(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { department: 'roads' }, geometry: null }] }));
    const res = await cli(file);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).rejected).toEqual([{ index: 0, reason: 'the feature has no geometry' }]);
    expect(res.stderr).toMatch(/1 feature\(s\) rejected; nothing was changed/);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
