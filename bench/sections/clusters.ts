import { loadCatalogue } from '../../fixtures/cities.ts';
import { STATUSES } from '../../server/domain/statuses.ts';
import { filterKey, parseReportFilters } from '../../tiles/filters.ts';
import type { BenchContext, Section, SectionResult, SummaryRow } from '../lib/context.ts';
import { get, sequential } from '../lib/measure.ts';
import { viewport, ZOOMS } from '../lib/tiles.ts';

/** Cluster index: start-up load and build at N, memory, and /api/clusters latency per zoom, filtered or not. */

/** The filters measured: the default map, one category, and every status (an index over all N reports). */
export const CLUSTER_FILTERS: Record<string, string> = {
  default: '',
  pothole: 'category=pothole',
  all_statuses: `status=${STATUSES.join(',')}`,
};

interface IndexStatus {
  version: number;
  load_ms: number;
  indexes: Array<{ key: string; points: number | null; build_ms: number | null }>;
}

/** The service's cache key for a query string's filters. */
function keyOf(query: string): string {
  const catalogue = loadCatalogue();
  const vocab = { categories: catalogue.categories.map((c) => c.code), departments: new Map(catalogue.departments.map((d, i) => [d.code, i])) };
  return filterKey(parseReportFilters(Object.fromEntries(new URLSearchParams(query)), vocab));
}

async function status(url: string): Promise<IndexStatus> {
  return JSON.parse((await get(`${url}/api/clusters/status`)).body.toString()) as IndexStatus;
}

export const clustersSection: Section = {
  name: 'clusters',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const url = ctx.server.url;
    const summary: SummaryRow[] = [];
    const api = (z: number, q: string) => {
      const [w, s, e, n] = viewport(z);
      return `${url}/api/clusters?bbox=${w},${s},${e},${n}&zoom=${z}${q ? `&${q}` : ''}`;
    };

    // First request: the server reads every report into the worker and builds the default index.
    const first = await get(api(12, ''));
    const afterStart = await status(url);
    const def = afterStart.indexes.find((i) => i.key === keyOf(''))!;
    summary.push({ metric: 'first /api/clusters after start (load all + build default)', value: `${Math.round(first.ms)} ms` });
    summary.push({ metric: `load ${ctx.reports} reports into the cluster worker`, value: `${afterStart.load_ms} ms` });
    summary.push({ metric: `build default index (${def.points} open reports)`, value: `${def.build_ms} ms`, target: '< 3000 ms', met: (def.build_ms ?? Infinity) < 3000 });

    const builds: Record<string, unknown> = {};
    for (const [name, q] of Object.entries(CLUSTER_FILTERS)) {
      if (!q) continue;
      const r = await get(api(12, q));
      const st = await status(url);
      const ix = st.indexes.find((i) => i.key === keyOf(q));
      builds[name] = { first_request_ms: Math.round(r.ms), build_ms: ix?.build_ms, points: ix?.points };
      summary.push({
        metric: `build ${name} index (${ix?.points} reports)`,
        value: `${ix?.build_ms} ms (first request ${Math.round(r.ms)} ms)`,
        target: '< 3000 ms',
        met: (ix?.build_ms ?? Infinity) < 3000,
      });
    }
    const mem = ctx.server.memory();
    summary.push({ metric: 'server memory with these indexes (RSS / peak)', value: `${mem.rss_mb} / ${mem.peak_mb} MB`, target: '< 1024 MB', met: mem.peak_mb < 1024 });

    const rounds = ctx.quick ? 20 : 100;
    const rows: Array<Record<string, string | number>> = [];
    let worst = 0;
    for (const z of ZOOMS) {
      const row: Record<string, string | number> = { zoom: z };
      for (const [name, q] of Object.entries(CLUSTER_FILTERS)) {
        const l = await sequential([api(z, q)], rounds);
        row[`${name} p50/p95/p99 ms`] = `${l.p50} / ${l.p95} / ${l.p99}`;
        row[`${name} KB`] = Math.round(l.max_bytes / 1024);
        worst = Math.max(worst, l.p95);
      }
      rows.push(row);
    }
    summary.push({ metric: '/api/clusters p95, worst zoom and filter (1280×800 view)', value: `${worst} ms`, target: '< 20 ms', met: worst < 20 });
    return { summary, tables: [{ title: '/api/clusters latency per zoom (one request at a time)', rows }], data: { start: afterStart, builds, memory: mem, latency: rows } };
  },
};
