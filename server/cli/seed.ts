// npm run seed [-- --city gdansk --reports 600]: seeds a city, the catalogue and demo reports. Idempotent.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seed } from '../../fixtures/seed.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { DEMO_REPORTS } from '../start.ts';

const config = loadConfig();
const { values } = parseArgs({
  options: { city: { type: 'string', default: config.seedCity }, reports: { type: 'string', default: String(DEMO_REPORTS) } },
});
const reports = Number(values.reports);
if (!Number.isInteger(reports) || reports < 0) {
  console.error(`--reports must be a non-negative integer, got "${values.reports}"`);
  process.exit(2);
}
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg') });
try {
  await migrate(db);
  console.log(await seed(db, { city: values.city!, demoReports: reports }));
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
