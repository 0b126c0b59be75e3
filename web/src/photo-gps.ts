/** Reads the GPS position a photo carries (EXIF), in the browser, with exifr's small build loaded on demand. */

/** The photo's position, or null when it has none or cannot be read. */
export async function photoPosition(file: Blob): Promise<{ lat: number; lon: number } | null> {
  try {
    const exifr = await import('exifr/dist/lite.esm.mjs');
    const gps = await exifr.gps(file);
    if (!gps || !Number.isFinite(gps.latitude) || !Number.isFinite(gps.longitude)) return null;
    return { lat: gps.latitude, lon: gps.longitude };
  } catch {
    return null;
  }
}
