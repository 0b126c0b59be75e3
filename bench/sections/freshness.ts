import { tileForLonLat } from '../../tiles/address.ts';
import type { BenchContext, Section, SectionResult } from '../lib/context.ts';
import { get, percentiles } from '../lib/measure.ts';
import { CENTRE } from '../lib/tiles.ts';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

/**
 * Freshness: file a report through the API, then poll /api/clusters (and the cluster tile) until
 * it shows. Trials are spaced so each starts with the indexes idle; the delay includes the
 * service's poll interval, the delta load, the rebuild of every index in use and the swap.
 */

async function until(check: () => Promise<boolean>, limitMs: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > limitMs) return Number.POSITIVE_INFINITY;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const freshnessSection: Section = {
  name: 'freshness',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const url = ctx.server.url;
    const trials = ctx.quick ? 2 : 5;
    const api: number[] = [];
    const tile: number[] = [];
    for (let i = 0; i < trials; i++) {
      await new Promise((r) => setTimeout(r, 4000));
      const lat = CENTRE.lat + (i - 2) * 0.001;
      const lon = CENTRE.lon + 0.0005;
      const posted = performance.now();
      const res = await fetch(`${url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // not_duplicate: at a million reports an open pothole is often within 30 m, and a duplicate is not drawn.
        body: JSON.stringify({ category: 'pothole', lat, lon, not_duplicate: true }),
      });
      if (res.status !== 201) throw new Error(`POST /api/reports answered ${res.status}: ${await res.text()}`);
      const { id } = (await res.json()) as { id: number };
      const d = 0.0005;
      const seen = await until(async () => {
        const r = await get(`${url}/api/clusters?bbox=${lon - d},${lat - d},${lon + d},${lat + d}&zoom=18`);
        return (JSON.parse(r.body.toString()) as { features: Array<{ id: number }> }).features.some((f) => f.id === id);
      }, 10_000);
      api.push(Number.isFinite(seen) ? performance.now() - posted : Number.POSITIVE_INFINITY);
      const t = tileForLonLat(lon, lat, 18);
      const inTile = await until(async () => {
        const r = await get(`${url}/tiles/clusters/${t.z}/${t.x}/${t.y}.mvt`);
        if (r.bytes === 0) return false;
        const layer = new VectorTile(new PbfReader(new Uint8Array(r.body))).layers.clusters;
        for (let k = 0; k < (layer?.length ?? 0); k++) if (layer!.feature(k).id === id) return true;
        return false;
      }, 10_000);
      tile.push(Number.isFinite(inTile) ? performance.now() - posted : Number.POSITIVE_INFINITY);
    }
    const a = percentiles(api);
    const t = percentiles(tile);
    return {
      summary: [
        { metric: `new report visible in /api/clusters (median / max of ${trials})`, value: `${Math.round(a.p50)} / ${Math.round(a.max)} ms`, target: '< 2000 ms', met: a.max < 2000 },
        { metric: 'new report visible in the cluster tile (median / max)', value: `${Math.round(t.p50)} / ${Math.round(t.max)} ms`, target: '< 2000 ms', met: t.max < 2000 },
      ],
      data: { api_ms: api.map(Math.round), tile_ms: tile.map(Math.round) },
    };
  },
};
