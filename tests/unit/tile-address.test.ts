import { describe, expect, it } from 'vitest';
import { MERCATOR_HALF, parseTileAddress, TileAddressError, tileBounds, tileForLonLat, toTileCoords } from '../../tiles/address.ts';

describe('tile addresses', () => {
  it('accepts z 0–22 with x and y inside 0..2^z-1', () => {
    expect(parseTileAddress('0', '0', '0')).toEqual({ z: 0, x: 0, y: 0 });
    expect(parseTileAddress('14', '9040', '5233')).toEqual({ z: 14, x: 9040, y: 5233 });
    expect(parseTileAddress('22', String(2 ** 22 - 1), '0')).toEqual({ z: 22, x: 2 ** 22 - 1, y: 0 });
  });

  it.each([
    ['23', '0', '0', /z must be between 0 and 22/],
    ['1', '2', '0', /between 0 and 1 at zoom 1/],
    ['1', '0', '2', /between 0 and 1 at zoom 1/],
    ['-1', '0', '0', /z must be a non-negative integer/],
    ['1.5', '0', '0', /z must be a non-negative integer/],
    ['1', 'abc', '0', /x must be a non-negative integer/],
    ['01', '0', '0', /z must be a non-negative integer/],
    ['', '0', '0', /z must be a non-negative integer/],
  ])('refuses z=%s x=%s y=%s', (z, x, y, message) => {
    expect(() => parseTileAddress(z, x, y)).toThrow(TileAddressError);
    expect(() => parseTileAddress(z, x, y)).toThrow(message);
  });

  it('gives the whole mercator square at zoom 0', () => {
    expect(tileBounds({ z: 0, x: 0, y: 0 })).toEqual([-MERCATOR_HALF, -MERCATOR_HALF, MERCATOR_HALF, MERCATOR_HALF]);
  });

  it('puts the north-west corner of a tile at 0,0 and the south-east at extent,extent', () => {
    const t = { z: 3, x: 5, y: 2 };
    const [minX, minY, maxX, maxY] = tileBounds(t);
    expect(toTileCoords(minX, maxY, t, 4096)).toEqual([0, 0]);
    expect(toTileCoords(maxX, minY, t, 4096)).toEqual([4096, 4096]);
  });

  it('finds the tile of a point in Gdańsk at zoom 14', () => {
    // Długi Targ (Long Market), Gdańsk: 18.6536 E, 54.3487 N.
    // Expected values from x = (lon + 180) / 360 * 2^z and y = (1 - asinh(tan(lat)) / pi) / 2 * 2^z.
    expect(tileForLonLat(18.6536, 54.3487, 14)).toEqual({ z: 14, x: 9040, y: 5233 });
  });
});
