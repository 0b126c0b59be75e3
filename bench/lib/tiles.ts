import { tileForLonLat, type TileAddress } from '../../tiles/address.ts';

/** The fixed places the benchmark asks for: tiles and map views over central Gdańsk. */

/** Central Gdańsk (Główne Miasto), where reports are densest. */
export const CENTRE = { lon: 18.6466, lat: 54.352 };
export const ZOOMS = [10, 11, 12, 13, 14, 15, 16, 17, 18] as const;

/** A `side`×`side` block of tiles around the centre at zoom z. */
export function tilesAround(z: number, side = 4): TileAddress[] {
  const c = tileForLonLat(CENTRE.lon, CENTRE.lat, z);
  const out: TileAddress[] = [];
  const from = -Math.floor((side - 1) / 2);
  for (let dy = 0; dy < side; dy++) for (let dx = 0; dx < side; dx++) out.push({ z, x: c.x + from + dx, y: c.y + from + dy });
  return out;
}

/** The lon/lat box a 1280×800 map shows at zoom z (512-px tiles, as MapLibre), centred at `lon`, `lat`. */
export function viewport(z: number, lon = CENTRE.lon, lat = CENTRE.lat): [number, number, number, number] {
  const worldPx = 512 * 2 ** z;
  const x = ((lon + 180) / 360) * worldPx;
  const s = Math.sin((lat * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * worldPx;
  const lonOf = (px: number) => (px / worldPx) * 360 - 180;
  const latOf = (py: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / worldPx))) * 180) / Math.PI;
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  return [r(lonOf(x - 640)), r(latOf(y + 400)), r(lonOf(x + 640)), r(latOf(y - 400))];
}
