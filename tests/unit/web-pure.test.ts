import { describe, expect, it } from 'vitest';
import { photoUrls } from '../../web/src/photos.ts';
import { COUNT_COLOURS, countBreaks, countLegend } from '../../web/src/planner/cell-layers.ts';
import { chartColumns, seriesSummary } from '../../web/src/planner/series.ts';
import { filtersOf, readState, writeQuery } from '../../web/src/planner/state.ts';
import { DEFAULT_FILTER, readReportFilter, reportFilterParams, writeReportFilter } from '../../web/src/map/report-filter.ts';
import { matchRoute, pageHref, reportHref } from '../../web/src/router.ts';
import { homeFor } from '../../web/src/session.ts';

describe('the web router', () => {
  it('maps paths to pages, a trailing slash ignored', () => {
    expect(matchRoute('/')).toEqual({ page: 'map' });
    expect(matchRoute('/staff')).toEqual({ page: 'staff' });
    expect(matchRoute('/login/')).toEqual({ page: 'staff' });
    expect(matchRoute('/planner')).toEqual({ page: 'planner' });
    expect(matchRoute('/r/GD-2026-000123')).toEqual({ page: 'report', ref: 'GD-2026-000123' });
    expect(matchRoute('/r/gd-2026-000123/')).toEqual({ page: 'report', ref: 'GD-2026-000123' });
    expect(matchRoute('/r/42')).toEqual({ page: 'report', ref: '42' });
  });

  it('sends malformed references and unknown paths to "not found"', () => {
    expect(matchRoute('/r/<script>')).toEqual({ page: 'not-found' });
    expect(matchRoute('/r/%E0%A4%A')).toEqual({ page: 'not-found' });
    expect(matchRoute('/nowhere')).toEqual({ page: 'not-found' });
  });

  it('keeps English across links, and only English', () => {
    expect(pageHref('/planner', '?lang=en&city=gdansk')).toBe('/planner?lang=en');
    expect(pageHref('/staff?next=%2Fplanner', '?lang=en')).toBe('/staff?next=%2Fplanner&lang=en');
    expect(pageHref('/planner', '?lang=pl')).toBe('/planner');
    expect(reportHref('GD-2026-000001', '')).toBe('/r/GD-2026-000001');
  });
});

describe('hexagon count classes', () => {
  it('breaks counts at quantiles, starting at 1, without repeating a break', () => {
    expect(countBreaks([1, 1, 1, 1, 2, 2, 3, 5, 8, 20])).toEqual([1, 2, 3, 8]);
    expect(countBreaks([])).toEqual([1]);
    expect(countBreaks([4, 4, 4])).toEqual([1, 4]);
  });

  it('labels each class with its range and spreads few classes over the whole ramp', () => {
    expect(countLegend([1, 2, 5, 10])).toEqual([
      { label: '1', colour: COUNT_COLOURS[0] },
      { label: '2–4', colour: COUNT_COLOURS[1] },
      { label: '5–9', colour: COUNT_COLOURS[3] },
      { label: '10+', colour: COUNT_COLOURS[4] },
    ]);
    expect(countLegend([1]).map((r) => r.label)).toEqual(['1+']);
  });
});

describe('time-series columns', () => {
  const rows = [
    { period: '2026-01-05', category: 'pothole', n: 3 },
    { period: '2026-01-05', category: 'litter', n: 1 },
    { period: '2026-01-12', category: 'pothole', n: 2 },
    { period: '2026-01-19', category: 'graffiti', n: 4 },
  ];

  it('aligns categories on every period, zero where a category had none, busiest first', () => {
    const c = chartColumns(rows, true);
    expect(c.periods).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    expect(c.x[0]).toBe(Date.UTC(2026, 0, 5) / 1000);
    expect(c.lines).toEqual([
      { key: 'pothole', values: [3, 2, 0] },
      { key: 'graffiti', values: [0, 0, 4] },
      { key: 'litter', values: [1, 0, 0] },
    ]);
  });

  it('sums the quieter categories into "other" past the line limit, and everything into a total', () => {
    expect(chartColumns(rows, true, 2).lines).toEqual([
      { key: 'pothole', values: [3, 2, 0] },
      { key: '__other', values: [1, 0, 4] },
    ]);
    const total = chartColumns(rows, false);
    expect(total.lines).toEqual([{ key: '__total', values: [4, 2, 4] }]);
    expect(seriesSummary(total)).toEqual({ total: 10, peak: { period: '2026-01-05', n: 4 } });
    expect(seriesSummary(chartColumns([], false))).toEqual({ total: 0, peak: null });
  });
});

describe('planner dashboard state', () => {
  it('defaults to the last 365 days, 500 m hot spots by week, and ignores bad values', () => {
    const s = readState('?cell=123&layer=bogus&from=yesterday', new Date('2026-11-21T08:00:00Z'));
    expect(s).toEqual({
      from: '2025-11-21', to: '2026-11-21', category: '', status: '', department: '',
      cell: 500, layer: 'hotspots', interval: 'week', byCategory: true,
    });
  });

  it('sends the "to" day inclusive, as the next midnight', () => {
    const s = readState('?from=2026-01-01&to=2026-01-31&category=pothole', new Date());
    expect(filtersOf(s)).toEqual({ from: '2026-01-01', to: '2026-02-01', category: 'pothole', status: '', department: '' });
  });

  it('writes the state back into the address, keeping its other parameters', () => {
    const s = readState('?lang=en&layer=both&by=total', new Date('2026-11-21T00:00:00Z'));
    const q = new URLSearchParams(writeQuery(s, '?lang=en'));
    expect(q.get('lang')).toBe('en');
    expect(q.get('layer')).toBe('both');
    expect(q.get('by')).toBe('total');
    expect(q.has('category')).toBe(false);
    expect(readState(`?${q}`, new Date('2026-11-21T00:00:00Z'))).toEqual(s);
  });
});

describe("a report's photos", () => {
  const origin = 'https://map.example.pl';

  it('takes strings and objects, preferring the thumbnail for the preview', () => {
    expect(photoUrls(['/media/a.jpg', { url: '/media/b.jpg', thumb_url: '/media/b-t.jpg' }], origin)).toEqual([
      { full: '/media/a.jpg', thumb: '/media/a.jpg', kind: 'report' },
      { full: '/media/b.jpg', thumb: '/media/b-t.jpg', kind: 'report' },
    ]);
  });

  it("reads the server's photo objects: a nested thumbnail, a crew's thumbnail_url, the kind", () => {
    expect(
      photoUrls(
        [
          { kind: 'report', url: '/media/c.jpg', thumbnail: { url: '/media/c-t.jpg', width: 320, height: 240 } },
          { kind: 'after', url: '/media/d.jpg', thumbnail_url: '/media/d-t.jpg' },
        ],
        origin,
      ),
    ).toEqual([
      { full: '/media/c.jpg', thumb: '/media/c-t.jpg', kind: 'report' },
      { full: '/media/d.jpg', thumb: '/media/d-t.jpg', kind: 'after' },
    ]);
  });

  it('skips other origins, other schemes and anything that is not a photo', () => {
    expect(photoUrls(undefined, origin)).toEqual([]);
    expect(photoUrls('nope', origin)).toEqual([]);
    expect(
      photoUrls(['https://evil.example/x.jpg', 'javascript:alert(1)', '//evil.example/y.jpg', 7, null, { thumb_url: '/t.jpg' }], origin),
    ).toEqual([]);
  });
});

describe('the public map filter', () => {
  it('asks the tiles only for what differs from the server default (open reports, every category)', () => {
    expect(reportFilterParams(DEFAULT_FILTER)).toEqual({});
    expect(reportFilterParams({ statuses: ['in_progress', 'new', 'acknowledged'], category: null })).toEqual({});
    expect(reportFilterParams({ statuses: ['resolved', 'new'], category: 'pothole' })).toEqual({ status: 'new,resolved', category: 'pothole' });
  });

  it('reads a filter from an address, dropping unknown statuses and categories, and writes it back keeping other parameters', () => {
    const codes = ['pothole', 'litter'];
    expect(readReportFilter('?status=resolved,bogus&category=pothole', codes)).toEqual({ statuses: ['resolved'], category: 'pothole' });
    expect(readReportFilter('?status=bogus&category=nope', codes)).toEqual(DEFAULT_FILTER);
    expect(writeReportFilter('?lang=en&status=new', { statuses: ['new', 'rejected'], category: 'litter' })).toBe('?lang=en&status=new%2Crejected&category=litter');
    expect(writeReportFilter('?status=new', DEFAULT_FILTER)).toBe('');
  });
});

describe('where staff land after signing in', () => {
  it('sends crews to their tasks, dispatchers to the queue, planners and admins to the dashboard', () => {
    expect(homeFor({ role: 'crew' })).toBe('/crew');
    expect(homeFor({ role: 'dispatcher' })).toBe('/dispatch');
    expect(homeFor({ role: 'planner' })).toBe('/planner');
    expect(homeFor({ role: 'admin' })).toBe('/planner');
  });

  it('routes the crew and dispatcher screens', () => {
    expect(matchRoute('/crew')).toEqual({ page: 'crew' });
    expect(matchRoute('/dispatch/')).toEqual({ page: 'dispatch' });
  });
});
