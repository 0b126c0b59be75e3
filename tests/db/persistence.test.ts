import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createLogger } from '../../server/log.ts';
import { DEMO_REPORTS, prepareDatabase } from '../../server/start.ts';

describe('the embedded database on first and second start', () => {
  it('seeds itself with demo data and staff once, and keeps everything across a restart', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'om-persist-'));
    const config = loadConfig({ DATA_DIR: dir });
    const log = createLogger('silent');
    const printed = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const first = await prepareDatabase(config, log);
      expect(first.kind).toBe('embedded');
      expect(first.hasAsMvt).toBe(false);
      const snapshot = async (db: typeof first) => ({
        reports: (await db.query('SELECT id, ref, category, status, ST_AsText(geom) AS g FROM reports ORDER BY id')).rows,
        users: (await db.query('SELECT email, role FROM users ORDER BY email')).rows,
      });
      const before = await snapshot(first);
      expect(before.reports).toHaveLength(DEMO_REPORTS);
      expect(before.users.map((u) => u.role).sort()).toEqual(['admin', 'crew', 'dispatcher', 'planner']);
      // The demo passwords are printed once, on the console.
      const output = printed.mock.calls.map((c) => String(c[0])).join('');
      expect(output).toMatch(/Demo staff accounts/);
      expect(output).toMatch(/crew@ordermap\.local\s+\w{5}-\w{5}-\w{5}-\w{5}/);
      await first.close();

      printed.mockClear();
      const second = await prepareDatabase(config, log);
      expect(await migrate(second)).toEqual([]);
      expect(await snapshot(second)).toEqual(before);
      expect(printed.mock.calls.map((c) => String(c[0])).join('')).not.toMatch(/Demo staff accounts/);
      await second.close();
    } finally {
      printed.mockRestore();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
