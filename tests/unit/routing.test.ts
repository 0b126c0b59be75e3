import { describe, expect, it } from 'vitest';
import { chooseArea, route, type AreaCandidate } from '../../server/domain/routing.ts';

const area = (id: number, over: Partial<AreaCandidate> = {}): AreaCandidate => ({
  id,
  departmentId: id * 10,
  categories: null,
  priority: 0,
  areaM2: 1_000_000,
  ...over,
});

describe('routing a report to the area that owns its spot', () => {
  it('ignores areas limited to other categories', () => {
    const roads = area(1, { categories: ['pothole'] });
    const waste = area(2, { categories: ['litter'] });
    expect(chooseArea([roads, waste], 'litter')).toBe(waste);
    expect(chooseArea([roads], 'litter')).toBeUndefined();
  });

  it('lets the highest priority win, even over a category-limited area', () => {
    const port = area(1, { priority: 10 });
    const roads = area(2, { categories: ['pothole'], priority: 0 });
    expect(chooseArea([roads, port], 'pothole')).toBe(port);
  });

  it('prefers an area limited to the category over a generic one of equal priority', () => {
    const generic = area(1, { areaM2: 10 });
    const limited = area(2, { categories: ['pothole'], areaM2: 1e9 });
    expect(chooseArea([generic, limited], 'pothole')).toBe(limited);
  });

  it('then prefers the smallest area', () => {
    const city = area(1, { categories: ['fallen_tree'], areaM2: 260e6 });
    const park = area(2, { categories: ['fallen_tree'], areaM2: 0.4e6 });
    expect(chooseArea([city, park], 'fallen_tree')).toBe(park);
  });

  it('breaks a complete tie by the lowest id, whatever the input order', () => {
    const a = area(7);
    const b = area(3);
    expect(chooseArea([a, b], 'x')).toBe(b);
    expect(chooseArea([b, a], 'x')).toBe(b);
  });

  it('falls back to the contact centre for triage when no area accepts the category', () => {
    expect(route([area(1, { categories: ['pothole'] })], 'other', 99)).toEqual({
      kind: 'fallback',
      departmentId: 99,
      needsTriage: true,
    });
  });

  it("routes to the chosen area's department without triage", () => {
    const d = route([area(4, { categories: ['litter'] })], 'litter', 99);
    expect(d).toMatchObject({ kind: 'area', departmentId: 40, needsTriage: false });
  });
});
