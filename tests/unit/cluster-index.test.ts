import { describe, expect, it } from 'vitest';
import { prng } from '../../fixtures/synthetic.ts';
import { STATUSES } from '../../server/domain/statuses.ts';
import { buildIndex, hydrateIndex } from '../../tiles/clusters/build.ts';
import { toApiFeature } from '../../tiles/clusters/output.ts';
import { ReportStore } from '../../tiles/clusters/store.ts';

const CATEGORIES = ['pothole', 'litter', 'graffiti', 'street_light_out'];

/** A store of n seeded reports around Gdańsk; report i has id 1000 + i. */
function store(n: number): ReportStore {
  const rand = prng(7);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const lon = 18.55 + rand() * 0.2;
    const lat = 54.3 + rand() * 0.1;
    const status = STATUSES[Math.floor(rand() * 4)]!;
    const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!;
    lines.push(`${1000 + i},${lon},${lat},${status},${category},${1 + (i % 3)},${Date.UTC(2026, 0, 1) + i * 60_000}`);
  }
  const s = new ReportStore();
  s.upsertText(lines.join('\n'));
  return s;
}

/** Builds in this thread, passing the payload through structured cloning as the worker does. */
function index(s: ReportStore, rows: Uint32Array) {
  return hydrateIndex(structuredClone(buildIndex(s, rows).payload));
}

describe('report store', () => {
  it('selects by status, category, department and time, and forgets deleted reports', () => {
    const s = store(2000);
    const all = s.select({ statuses: STATUSES, categories: null, departmentIds: null, since: null, until: null });
    expect(all.length).toBe(2000);
    const potholes = s.select({ statuses: STATUSES, categories: ['pothole'], departmentIds: [2], since: null, until: null });
    for (const r of potholes) {
      expect(s.categories[s.category[r]!]).toBe('pothole');
      expect(s.department[r]).toBe(2);
    }
    const hour = s.select({ statuses: STATUSES, categories: null, departmentIds: null, since: Date.UTC(2026, 0, 1), until: Date.UTC(2026, 0, 1, 1) });
    expect(hour.length).toBe(60);
    s.remove([1000, 1001]);
    s.upsertText(`1002,18.6,54.35,resolved,litter,1,${Date.UTC(2026, 0, 1)}`);
    expect(s.count).toBe(1998);
    const again = s.select({ statuses: STATUSES, categories: null, departmentIds: null, since: null, until: null });
    expect(again.length).toBe(1998);
    expect(s.status[2]).toBe(STATUSES.indexOf('resolved'));
  });
});

describe('cluster index', () => {
  const s = store(5000);
  const rows = s.select({ statuses: ['new', 'acknowledged'], categories: null, departmentIds: null, since: null, until: null });
  const ix = index(s, rows);

  it('counts every selected report once at every zoom', () => {
    for (const z of [0, 5, 10, 13, 16, 17]) {
      const fs = ix.getClusters([-180, -85, 180, 85], z).map((f) => toApiFeature(f as never));
      expect(fs.reduce((n, f) => n + ((f.properties.point_count as number) ?? 1), 0), `zoom ${z}`).toBe(rows.length);
    }
  });

  it('aggregates counts by status and category that match the cluster leaves', () => {
    const clusters = ix.getClusters([-180, -85, 180, 85], 11).map((f) => toApiFeature(f as never)).filter((f) => f.properties.cluster);
    expect(clusters.length).toBeGreaterThan(3);
    for (const c of clusters) {
      const p = c.properties as { point_count: number; cluster_id: number; statuses: Record<string, number>; categories: Record<string, number>; dominant_category: string };
      const leaves = ix.getLeaves(p.cluster_id, Infinity).map((f) => toApiFeature(f as never));
      expect(leaves).toHaveLength(p.point_count);
      const byStatus: Record<string, number> = {};
      const byCategory: Record<string, number> = {};
      for (const l of leaves) {
        byStatus[l.properties.status as string] = (byStatus[l.properties.status as string] ?? 0) + 1;
        byCategory[l.properties.category as string] = (byCategory[l.properties.category as string] ?? 0) + 1;
      }
      expect(p.statuses).toEqual(byStatus);
      expect(p.categories).toEqual(byCategory);
      expect(Math.max(...Object.values(byCategory))).toBe(byCategory[p.dominant_category]);
    }
  });

  it('gives single reports their database id, category and status', () => {
    const singles = ix.getClusters([-180, -85, 180, 85], 20).map((f) => toApiFeature(f as never));
    expect(singles).toHaveLength(rows.length);
    const ids = new Set(Array.from(rows, (r) => s.ids[r]!));
    for (const f of singles) {
      expect(ids.has(f.id)).toBe(true);
      expect(['new', 'acknowledged']).toContain(f.properties.status);
    }
  });

  it('keeps cluster ids when a new report is added, so a map can still expand what it shows', () => {
    const before = ix.getClusters([-180, -85, 180, 85], 12).map((f) => toApiFeature(f as never)).filter((f) => f.properties.cluster);
    s.upsertText(`99999,18.65,54.35,new,litter,1,${Date.UTC(2026, 5, 1)}`);
    const grown = s.select({ statuses: ['new', 'acknowledged'], categories: null, departmentIds: null, since: null, until: null });
    expect(grown.length).toBe(rows.length + 1);
    const after = new Map(
      index(s, grown).getClusters([-180, -85, 180, 85], 12).map((f) => toApiFeature(f as never)).filter((f) => f.properties.cluster).map((f) => [f.id, f]),
    );
    let same = 0;
    for (const c of before) {
      const now = after.get(c.id);
      if (now && [0, 1].includes((now.properties.point_count as number) - (c.properties.point_count as number))) same++;
    }
    // Clustering at lower zooms can shift a little around the new point; nearly every id holds.
    expect(same).toBeGreaterThanOrEqual(before.length - 2);
    s.remove([99999]);
  });

  it('builds an empty index for a filter nothing matches', () => {
    const none = index(s, new Uint32Array(0));
    expect(none.getClusters([-180, -85, 180, 85], 3)).toEqual([]);
    expect(none.getTile(0, 0, 0)).toBeNull();
  });
});
