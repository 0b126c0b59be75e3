/** Web-mercator tile maths: pure, no I/O. */

/** Half the width of the web-mercator square, in metres (EPSG:3857). */
export const MERCATOR_HALF = 20037508.342789244;
export const MAX_ZOOM = 22;

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** Raised for a tile address outside z 0–22 or x, y outside 0..2^z-1. */
export class TileAddressError extends Error {
  constructor(message: string, public readonly value: Record<string, string>) {
    super(message);
  }
}

const INTEGER = /^(0|[1-9][0-9]{0,6})$/;

/** Parses `z`, `x`, `y` path segments into a valid tile address. */
export function parseTileAddress(z: string, x: string, y: string): TileAddress {
  const raw = { z, x, y };
  for (const [k, v] of Object.entries(raw)) {
    if (!INTEGER.test(v)) throw new TileAddressError(`Tile ${k} must be a non-negative integer, got "${v}"`, raw);
  }
  const t = { z: Number(z), x: Number(x), y: Number(y) };
  if (t.z > MAX_ZOOM) throw new TileAddressError(`Tile z must be between 0 and ${MAX_ZOOM}, got ${t.z}`, raw);
  const n = 2 ** t.z;
  if (t.x >= n || t.y >= n) {
    throw new TileAddressError(`Tile x and y must be between 0 and ${n - 1} at zoom ${t.z}, got ${t.x}/${t.y}`, raw);
  }
  return t;
}

/** The tile's bounds in EPSG:3857 metres: [minX, minY, maxX, maxY]. */
export function tileBounds(t: TileAddress): [number, number, number, number] {
  const size = (2 * MERCATOR_HALF) / 2 ** t.z;
  const minX = -MERCATOR_HALF + t.x * size;
  const maxY = MERCATOR_HALF - t.y * size;
  return [minX, maxY - size, minX + size, maxY];
}

/** Projects EPSG:3857 metres into tile coordinates (y down), rounded to the integer grid as ST_AsMVTGeom does. */
export function toTileCoords(mx: number, my: number, t: TileAddress, extent: number): [number, number] {
  const [minX, minY, maxX, maxY] = tileBounds(t);
  return [Math.round(((mx - minX) / (maxX - minX)) * extent), Math.round(((maxY - my) / (maxY - minY)) * extent)];
}

/** The tile containing a lon/lat point at zoom z. */
export function tileForLonLat(lon: number, lat: number, z: number): TileAddress {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x: Math.min(Math.max(x, 0), n - 1), y: Math.min(Math.max(y, 0), n - 1) };
}
