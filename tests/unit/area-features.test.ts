import { describe, expect, it } from 'vitest';
import { checkAreaFeatures } from '../../server/domain/area-features.ts';
import { HttpError } from '../../server/errors.ts';

const known = { departments: new Set(['roads', 'port_authority']), categories: new Set(['pothole', 'litter']) };
const ring = [[18.6, 54.3], [18.7, 54.3], [18.7, 54.4], [18.6, 54.3]];
const feature = (properties: unknown, geometry: unknown = { type: 'Polygon', coordinates: [ring] }) => ({ type: 'Feature', properties, geometry });
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('checking a department-area file', () => {
  it('keeps a generic area and a category-limited one with their priority and defaults', () => {
    const { accepted, rejected } = checkAreaFeatures(
      fc(feature({ department: 'port_authority', priority: 10, name: 'port' }), feature({ department: 'roads', categories: ['pothole', 'pothole'] })),
      known,
    );
    expect(rejected).toEqual([]);
    expect(accepted.map(({ geometry: _g, ...rest }) => rest)).toEqual([
      { index: 0, department: 'port_authority', categories: null, priority: 10, name: 'port' },
      { index: 1, department: 'roads', categories: ['pothole'], priority: 0, name: null },
    ]);
  });

  it('accepts a MultiPolygon and names the bad part of one', () => {
    const multi = (rings: unknown) => ({ type: 'MultiPolygon', coordinates: [[ring], rings] });
    expect(checkAreaFeatures(fc(feature({ department: 'roads' }, multi([ring]))), known).rejected).toEqual([]);
    expect(checkAreaFeatures(fc(feature({ department: 'roads' }, multi([[[18.6, 54.3], [18.7, 54.3]]]))), known).rejected).toEqual([
      { index: 0, reason: 'polygon 1: ring 0 has fewer than 4 positions' },
    ]);
  });

  it.each([
    [{}, 'properties.department (a department code) is missing'],
    [{ department: 'roads', categories: [] }, 'properties.categories must be a non-empty array of category codes (leave it out for every category)'],
    [{ department: 'roads', categories: ['a', 'b'] }, 'unknown categories "a", "b"'],
    [{ department: 'roads', priority: 5000 }, 'properties.priority must be an integer from -1000 to 1000'],
    [{ department: 'roads', name: 7 }, 'properties.name must be text of at most 200 characters'],
  ])('rejects properties %j: %s', (properties, reason) => {
    expect(checkAreaFeatures(fc(feature(properties)), known).rejected).toEqual([{ index: 0, reason }]);
  });

  it.each([
    [null, 'the feature has no geometry'],
    [{ type: 'Point', coordinates: [18.6, 54.3] }, 'the geometry is a Point; only Polygon and MultiPolygon can be areas'],
    [{ type: 'Polygon', coordinates: [[[18.6, 54.3], [18.7, 'x'], [18.7, 54.4], [18.6, 54.3]]] }, 'ring 0 has a position that is not [lon, lat]'],
    [{ type: 'Polygon', coordinates: [[[200, 54.3], [18.7, 54.3], [18.7, 54.4], [200, 54.3]]] }, 'ring 0 has a position outside lon/lat range: [200, 54.3]'],
  ])('rejects geometry %j', (geometry, reason) => {
    expect(checkAreaFeatures(fc(feature({ department: 'roads' }, geometry)), known).rejected).toEqual([{ index: 0, reason }]);
  });

  it('refuses something that is not a FeatureCollection, or an empty one', () => {
    expect(() => checkAreaFeatures({ type: 'Feature' }, known)).toThrow(HttpError);
    expect(() => checkAreaFeatures(fc(), known)).toThrow(/no features/);
  });
});
