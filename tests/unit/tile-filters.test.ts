import { describe, expect, it } from 'vitest';
import { defaultFilters, FilterError, filterKey, parseReportFilters, reportFilterSql } from '../../tiles/filters.ts';
import { areasLayer, reportsLayer } from '../../tiles/layers.ts';
import { mvtQuery, rowsQuery, simplifyTolerance } from '../../tiles/sql.ts';

const vocab = { categories: ['graffiti', 'litter', 'pothole'], departments: new Map([['roads', 1], ['waste', 3]]) };
const parse = (q: Record<string, unknown>) => parseReportFilters(q, vocab);

describe('report filters', () => {
  it('defaults to open reports of every category, department and time', () => {
    expect(parse({})).toEqual(defaultFilters());
    expect(parse({ status: '', category: '' })).toEqual(defaultFilters());
  });

  it('normalises lists: trimmed, deduplicated, sorted', () => {
    expect(parse({ status: 'resolved, new,new', category: 'pothole,litter' })).toMatchObject({ status: ['new', 'resolved'], category: ['litter', 'pothole'] });
  });

  it('names every unknown value', () => {
    const error = (q: Record<string, unknown>) => {
      try {
        parse(q);
      } catch (err) {
        return err as FilterError;
      }
      throw new Error('no error');
    };
    expect(error({ status: 'new,lost,gone' }).details).toEqual({ status: ['gone', 'lost'] });
    expect(error({ category: 'pothole,unicorns' }).details).toEqual({ category: ['unicorns'] });
    expect(error({ department: 'nasa' }).details).toEqual({ department: ['nasa'] });
    expect(error({ status: ['new', 'resolved'] }).message).toMatch(/comma-separated/);
    expect(error({ since: '2026-02-30' }).message).toMatch(/since/);
    expect(error({ since: '01/02/2026' }).message).toMatch(/since/);
    expect(error({ until: '2026-01-01T10:00' }).message).toMatch(/zone/);
    expect(error({ since: '2026-02-01', until: '2026-01-01' }).message).toMatch(/before/);
  });

  it('reads since as the start of its day and a bare until as the end of its day', () => {
    const f = parse({ since: '2026-01-05', until: '2026-01-10' });
    expect(f.since!.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(f.until!.toISOString()).toBe('2026-01-11T00:00:00.000Z');
    expect(parse({ until: '2026-01-10T12:30:00+01:00' }).until!.toISOString()).toBe('2026-01-10T11:30:00.000Z');
  });

  it('gives equal filters equal keys and different filters different keys', () => {
    expect(filterKey(parse({ category: 'litter,pothole' }))).toBe(filterKey(parse({ category: 'pothole,litter,pothole' })));
    expect(filterKey(parse({}))).not.toBe(filterKey(parse({ category: 'pothole' })));
    expect(filterKey(parse({ department: 'roads' }))).not.toBe(filterKey(parse({ department: 'waste' })));
    expect(filterKey(parse({ since: '2026-01-01' }))).not.toBe(filterKey(parse({ until: '2026-01-01' })));
  });

  it('turns filters into $n conditions, never into SQL text', () => {
    const values: unknown[] = ['first'];
    const sql = reportFilterSql(parse({ category: 'pothole', department: 'roads', since: '2026-01-01' }), values);
    expect(sql).toEqual([
      't.status = ANY($2::text[])',
      "t.status IN ('new', 'acknowledged', 'in_progress')",
      't.category = ANY($3::text[])',
      't.department_id IN (SELECT id FROM departments WHERE code = ANY($4::text[]))',
      't.created_at >= $5',
    ]);
    expect(values.slice(1)).toEqual([['acknowledged', 'in_progress', 'new'], ['pothole'], ['roads'], new Date('2026-01-01T00:00:00Z')]);
    // With a closed status asked for, the open-reports predicate must not be added.
    expect(reportFilterSql(parse({ status: 'new,resolved' }), [])).toEqual(['t.status = ANY($1::text[])']);
  });
});

describe('tile SQL', () => {
  it('builds the point layer as one ST_AsMVT query with an index-backed && and a feature cap', () => {
    const q = mvtQuery(reportsLayer, { z: 14, x: 9040, y: 5233 }, defaultFilters());
    expect(q.text).toContain('t.geom_3857 && b.area');
    expect(q.text).toContain('ST_AsMVT(f, \'reports\'');
    expect(q.text).not.toMatch(/9040|5233/);
    expect(q.values).toEqual([14, 9040, 5233, 64 / 4096, ['acknowledged', 'in_progress', 'new'], reportsLayer.featureCap]);
  });

  it('simplifies polygons by one tile unit at the tile zoom', () => {
    expect(simplifyTolerance(0)).toBeCloseTo(9783.94, 1);
    expect(simplifyTolerance(10) * 1024).toBeCloseTo(simplifyTolerance(0), 6);
    const q = mvtQuery(areasLayer, { z: 12, x: 2260, y: 1308 }, null);
    expect(q.text).toContain('ST_Simplify(t.geom_3857, $5, true)');
    expect(q.values[4]).toBe(simplifyTolerance(12));
    const rows = rowsQuery(areasLayer, { z: 12, x: 2260, y: 1308 }, null);
    expect(rows.text).toContain('ST_ClipByBox2D');
    expect(rows.text).toContain('ST_ForcePolygonCCW');
  });
});
