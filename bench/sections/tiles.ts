import { STATUSES } from '../../server/domain/statuses.ts';
import { defaultFilters } from '../../tiles/filters.ts';
import { reportsLayer } from '../../tiles/layers.ts';
import { mvtQuery } from '../../tiles/sql.ts';
import type { BenchContext, Section, SectionResult, SummaryRow } from '../lib/context.ts';
import { percentiles, sequential, throughput } from '../lib/measure.ts';
import { tilesAround, ZOOMS } from '../lib/tiles.ts';
import { CLUSTER_FILTERS } from './clusters.ts';

/**
 * Tiles z10–z18 over central Gdańsk: server latency and tiles/s for `reports` and `clusters`,
 * the floor (the bare ST_AsMVT query for the same tiles, straight to the database) and sizes.
 */

const MAX_TILE = 500 * 1024;

export const tilesSection: Section = {
  name: 'tiles',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const url = ctx.server.url;
    const rounds = ctx.quick ? 1 : 3;
    const seconds = ctx.quick ? 1 : 3;
    const rows: Array<Record<string, string | number>> = [];
    const summary: SummaryRow[] = [];
    let worstRatio = 0;
    let worstCold = 0;
    let worstClusterP95 = 0;
    let largest = 0;
    const path = (layer: string, t: { z: number; x: number; y: number }, q = '') => `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt${q ? `?${q}` : ''}`;

    for (const z of ZOOMS) {
      // 64 tiles per zoom: the cold pass asks for each once, so it needs many distinct tiles.
      const tiles = tilesAround(z, 8);
      const reportPaths = tiles.map((t) => path('reports', t));
      const clusterPaths = tiles.map((t) => path('clusters', t));
      await sqlFloor(ctx, tiles, 1); // warm the database's cache for these tiles
      const floor = await sqlFloor(ctx, tiles, rounds);
      // First request per tile: rendered by the database (the server's tile cache is empty).
      const cold = await sequential(reportPaths.map((p) => url + p), 1);
      // The same tiles again with no report changed: answered from the per-version tile cache.
      const server = await sequential(reportPaths.map((p) => url + p), rounds);
      const clusters = await sequential(clusterPaths.map((p) => url + p), rounds);
      const ratio = Math.round((server.p50 / floor.p50) * 100) / 100;
      const coldRatio = Math.round((cold.p50 / floor.p50) * 100) / 100;
      if (z >= 14) {
        worstRatio = Math.max(worstRatio, ratio);
        worstCold = Math.max(worstCold, coldRatio);
      }
      worstClusterP95 = Math.max(worstClusterP95, clusters.p95);
      largest = Math.max(largest, server.max_bytes, clusters.max_bytes);
      rows.push({
        zoom: z,
        'reports cold p50/p95 ms': `${cold.p50} / ${cold.p95}`,
        'reports warm p50/p95/p99 ms': `${server.p50} / ${server.p95} / ${server.p99}`,
        'floor p50/p95 ms': `${floor.p50} / ${floor.p95}`,
        'ratio p50 cold / warm': `${coldRatio} / ${ratio}`,
        'reports tiles/s': await throughput(url, reportPaths, seconds, 4),
        'reports max/mean KB': `${kb(server.max_bytes)} / ${kb(server.mean_bytes)}`,
        'clusters p50/p95/p99 ms': `${clusters.p50} / ${clusters.p95} / ${clusters.p99}`,
        'clusters tiles/s': await throughput(url, clusterPaths, seconds, 4),
        'clusters max/mean KB': `${kb(clusters.max_bytes)} / ${kb(clusters.mean_bytes)}`,
      });
    }

    // Filtered cluster tiles, and the largest tiles any filter makes (every status is the worst case).
    const filtered: Array<Record<string, string | number>> = [];
    const all = `status=${STATUSES.join(',')}`;
    for (const z of ZOOMS) {
      const tiles = tilesAround(z);
      const row: Record<string, string | number> = { zoom: z };
      for (const [name, q] of Object.entries(CLUSTER_FILTERS)) {
        if (!q) continue;
        const l = await sequential(tiles.map((t) => url + path('clusters', t, q)), rounds);
        row[`clusters ${name} p50/p95 ms`] = `${l.p50} / ${l.p95}`;
        row[`clusters ${name} max KB`] = kb(l.max_bytes);
        worstClusterP95 = Math.max(worstClusterP95, l.p95);
        largest = Math.max(largest, l.max_bytes);
      }
      const raw = await sequential(tiles.map((t) => url + path('reports', t, all)), 1);
      row['reports all statuses p50 ms'] = raw.p50;
      row['reports all statuses max KB'] = kb(raw.max_bytes);
      largest = Math.max(largest, raw.max_bytes);
      filtered.push(row);
    }

    summary.push({ metric: 'reports tiles z14–z18: server p50 / floor p50, worst zoom, cold (each tile rendered by the database)', value: `${worstCold}x`, target: '<= 1.3x', met: worstCold <= 1.3 });
    summary.push({ metric: 'reports tiles z14–z18: server p50 / floor p50, worst zoom, warm (repeat requests, per-version tile cache)', value: `${worstRatio}x`, target: '<= 1.3x', met: worstRatio <= 1.3 });
    summary.push({ metric: 'clusters tiles p95, worst zoom and filter', value: `${worstClusterP95} ms`, target: '< 20 ms', met: worstClusterP95 < 20 });
    summary.push({ metric: 'largest tile (any layer, zoom, filter; uncompressed)', value: `${kb(largest)} KB`, target: '< 500 KB', met: largest < MAX_TILE });
    return {
      summary,
      tables: [
        { title: 'tiles per zoom (64 tiles around central Gdańsk; default filter; latency one request at a time, cold = first request per tile, warm = repeats; tiles/s with 4 connections, warm)', rows },
        { title: 'filtered tiles per zoom', rows: filtered },
      ],
      data: { per_zoom: rows, filtered },
    };
  },
};

/** The floor: the same tiles' bare ST_AsMVT query, one at a time, straight to the database. */
async function sqlFloor(ctx: BenchContext, tiles: ReturnType<typeof tilesAround>, rounds: number) {
  const times: number[] = [];
  const filters = defaultFilters();
  for (let r = 0; r < rounds; r++) {
    for (const t of tiles) {
      const q = mvtQuery(reportsLayer, t, filters);
      const start = process.hrtime.bigint();
      await ctx.pool.query(q.text, q.values);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return percentiles(times);
}

function kb(bytes: number): number {
  return Math.round((bytes / 1024) * 10) / 10;
}
