/** Before any test: the server serves web/dist, so build it when the browser tests will run. */
import fs from 'node:fs';

export default async function setup(): Promise<void> {
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) return;
  const { buildWeb } = await import('../../web/build.ts');
  console.log(await buildWeb({ ifStale: true }));
}
