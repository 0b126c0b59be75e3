import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { seed } from '../../fixtures/seed.ts';

describe('the embedded database', () => {
  it('keeps every report across a restart on the same data directory', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'om-persist-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      expect(first.kind).toBe('embedded');
      expect(first.hasAsMvt).toBe(false);
      await migrate(first);
      const seeded = await seed(first, { city: 'gdansk', demoReports: 50 });
      expect(seeded.reportsAdded).toBe(50);
      const before = (await first.query('SELECT id, ref, category, ST_AsText(geom) g FROM reports ORDER BY id')).rows;
      await first.close();

      const second = await openDatabase({ dataDir: dir });
      expect(await migrate(second)).toEqual([]);
      const after = (await second.query('SELECT id, ref, category, ST_AsText(geom) g FROM reports ORDER BY id')).rows;
      expect(after).toEqual(before);
      // An already-seeded city gets no second batch of demo reports.
      expect((await seed(second, { city: 'gdansk', demoReports: 50 })).reportsAdded).toBe(0);
      await second.close();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
