/**
 * Builds the web app into web/dist/ with Vite.
 *
 *   tsx web/build.ts             build
 *   tsx web/build.ts --if-stale  build only if a source is newer than web/dist/index.html
 *   tsx web/build.ts --verbose   also show Vite's own report (every chunk with its size)
 *
 * Prints whether it built or skipped and how long that took and, after a build, the gzipped
 * size of what the first load of each page fetches. Tests import `buildWeb` to build on demand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';

const WEB = fileURLToPath(new URL('.', import.meta.url));
const CONFIG = path.join(WEB, 'vite.config.ts');
const DIST_INDEX = path.join(WEB, 'dist', 'index.html');
/** Everything the build reads from this repository. */
const INPUTS = [path.join(WEB, 'src'), path.join(WEB, 'index.html'), CONFIG];

const rel = (p: string) => path.relative(process.cwd(), p) || '.';

/** Newest modification time among the files under `p` (a file or a directory); 0 if it is missing. */
function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its directory
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** The reason a build is needed, or null when web/dist/index.html is newer than every input. */
export function staleReason(): string | null {
  if (!fs.existsSync(DIST_INDEX)) return `${rel(DIST_INDEX)} is missing`;
  const built = fs.statSync(DIST_INDEX).mtimeMs;
  for (const input of INPUTS) {
    if (newestMtime(input) > built) return `${rel(input)} changed`;
  }
  return null;
}

interface Size {
  js: number;
  css: number;
}

/**
 * Gzipped bytes a first visit fetches: the entry with its static imports and CSS, and for each
 * page (a chunk the entry imports dynamically, see web/src/main.ts) that plus the page's own closure.
 * The MapLibre worker, fetched by every map page, is reported on its own.
 */
function firstLoadSizes(outputs: Rollup.RollupOutput[]): { entry: Size; pages: Map<string, Size>; worker: number } {
  const files = new Map<string, Rollup.OutputChunk | Rollup.OutputAsset>();
  for (const out of outputs) for (const item of out.output) files.set(item.fileName, item);
  const closure = (roots: string[]) => {
    const seen = new Set<string>();
    const size: Size = { js: 0, css: 0 };
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const item = files.get(name);
      if (!item) return;
      if (item.type === 'asset') {
        if (name.endsWith('.css')) size.css += gzipSync(item.source).length;
        return;
      }
      size.js += gzipSync(item.code).length;
      item.imports.forEach(visit);
      item.viteMetadata?.importedCss.forEach(visit);
    };
    roots.forEach(visit);
    return size;
  };
  const entries = [...files.values()].filter((f): f is Rollup.OutputChunk => f.type === 'chunk' && f.isEntry);
  const entryNames = entries.map((e) => e.fileName);
  const pages = new Map<string, Size>();
  for (const entry of entries) {
    for (const name of entry.dynamicImports) {
      const chunk = files.get(name);
      if (chunk?.type === 'chunk') pages.set(chunk.name, closure([...entryNames, name]));
    }
  }
  const worker = [...files.values()].find((f) => f.type === 'asset' && f.fileName.includes('maplibre-gl-worker'));
  return { entry: closure(entryNames), pages, worker: worker?.type === 'asset' ? gzipSync(worker.source).length : 0 };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

export interface BuildOptions {
  /** Build only when web/dist is missing or older than a source. */
  ifStale?: boolean;
  /** Show Vite's own report. */
  verbose?: boolean;
}

/** Builds web/dist (or skips an up-to-date one) and returns the one-line summary. */
export async function buildWeb({ ifStale = false, verbose = false }: BuildOptions = {}): Promise<string> {
  const started = performance.now();
  const elapsed = () => `${Math.round(performance.now() - started)} ms`;
  let reason = 'build requested';
  if (ifStale) {
    const stale = staleReason();
    if (stale === null) return `web: up to date, build skipped (checked in ${elapsed()})`;
    reason = stale;
  }
  const result = await build({ configFile: CONFIG, logLevel: verbose ? 'info' : 'warn' });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const { entry, pages, worker } = firstLoadSizes(outputs);
  const lines = [
    `web: built ${rel(path.dirname(DIST_INDEX))} in ${elapsed()} (${reason}; entry ${kb(entry.js)} JS + ${kb(entry.css)} CSS gzipped)`,
  ];
  for (const [page, size] of pages) lines.push(`  first load of ${page}: ${kb(size.js)} JS + ${kb(size.css)} CSS gzipped`);
  lines.push(`  plus, on map pages, the MapLibre worker: ${kb(worker)} gzipped`);
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const args = new Set(process.argv.slice(2));
  try {
    console.log(await buildWeb({ ifStale: args.has('--if-stale'), verbose: args.has('--verbose') }));
  } catch (err) {
    console.error('web: build failed');
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
