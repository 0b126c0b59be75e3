// npm run import:areas -- file.geojson [--dry-run]: replaces the areas of the departments named in the file.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { HttpError } from '../errors.ts';
import { importAreas } from '../services/areas.ts';

const { values, positionals } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } }, allowPositionals: true });
if (positionals.length !== 1) {
  console.error('usage: npm run import:areas -- file.geojson [--dry-run]');
  process.exit(2);
}
let input: unknown;
try {
  input = JSON.parse(await fs.readFile(positionals[0]!, 'utf8'));
} catch (err) {
  console.error(`Cannot read ${positionals[0]} as JSON: ${(err as Error).message}`);
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg') });
try {
  await migrate(db);
  const result = await importAreas(db, input, { dryRun: values['dry-run']!, singleDepartment: false, actor: 'import:areas' });
  console.log(JSON.stringify(result, null, 2));
  const verb = result.dry_run ? 'would replace' : 'replaced';
  if (result.rejected.length) {
    console.error(`${result.rejected.length} feature(s) rejected; nothing was changed.`);
    process.exitCode = 1;
  } else {
    console.error(
      `${verb} ${result.areas_replaced} area(s) of ${result.departments.join(', ')} with ${result.imported}; ` +
        `${result.repaired.length} repaired; ${result.reports_rerouted} open report(s) ${result.dry_run ? 'would change' : 'changed'} department.`,
    );
  }
} catch (err) {
  console.error(err instanceof HttpError ? `${err.code}: ${err.message}` : (err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
