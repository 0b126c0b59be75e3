/** A point `north` and `east` metres from `origin` (spherical Earth; good to ~0.5 % at these distances). */
export function offset(origin: { lat: number; lon: number }, north: number, east: number): { lat: number; lon: number } {
  const R = 6_371_008.8;
  const lat = origin.lat + (north / R) * (180 / Math.PI);
  const lon = origin.lon + (east / (R * Math.cos((origin.lat * Math.PI) / 180))) * (180 / Math.PI);
  return { lat: Math.round(lat * 1e7) / 1e7, lon: Math.round(lon * 1e7) / 1e7 };
}
