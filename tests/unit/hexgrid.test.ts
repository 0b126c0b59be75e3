import { distance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { hexCellOf, hexCenter, hexDisk, hexGrid, hexRing, lonLatToMercator, mercatorToLonLat } from '../../server/domain/hexgrid.ts';

describe('the hexagon grid', () => {
  const g = hexGrid(500, 54.35);

  it('places neighbouring centres cellM true metres apart at the reference latitude', () => {
    const [q, r] = hexCellOf(g, ...lonLatToMercator(18.6536, 54.35));
    for (const [dq, dr] of [[1, 0], [0, 1], [-1, 1]]) {
      const a = mercatorToLonLat(...hexCenter(g, q, r));
      const b = mercatorToLonLat(...hexCenter(g, q + dq!, r + dr!));
      expect(distance(a, b, { units: 'meters' })).toBeGreaterThan(498);
      expect(distance(a, b, { units: 'meters' })).toBeLessThan(502);
    }
  });

  it('finds the cell of each centre and of points near it', () => {
    for (const [q, r] of [[0, 0], [3, -2], [4100, 7300], [-5, 9]] as const) {
      const [cx, cy] = hexCenter(g, q, r);
      expect(hexCellOf(g, cx, cy)).toEqual([q, r]);
      expect(hexCellOf(g, cx + g.size * 0.8, cy)).toEqual([q, r]);
      expect(hexCellOf(g, cx, cy + g.size * 0.9)).toEqual([q, r]);
    }
  });

  it('closes each hexagon ring with seven lon/lat points', () => {
    const ring = hexRing(g, 1, 1);
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
  });

  it('lists 1 + 3k(k+1) cells within k steps', () => {
    expect(hexDisk(0, 0, 0)).toEqual([[0, 0]]);
    expect(hexDisk(0, 0, 1)).toHaveLength(7);
    expect(hexDisk(5, 5, 2)).toHaveLength(19);
  });

  it('round-trips lon/lat through mercator', () => {
    const [lon, lat] = mercatorToLonLat(...lonLatToMercator(18.6536, 54.3487));
    expect(lon).toBeCloseTo(18.6536, 9);
    expect(lat).toBeCloseTo(54.3487, 9);
  });
});
