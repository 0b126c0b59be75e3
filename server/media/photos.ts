import exifr from 'exifr';
import sharp from 'sharp';
import { HttpError } from '../errors.ts';

/** Photo limits (why: phones send 12–50 MP; more is a decompression bomb, not a photo). */
export const PHOTO_LIMITS = {
  maxFiles: 5, //           photos per report
  maxBytes: 10 * 1024 * 1024, // bytes per file, as uploaded
  maxInputPixels: 100_000_000, // decoded pixels per file; a 20,000 × 20,000 image is refused before decoding
  maxSide: 2048, //         long side of the stored photo
  thumbSide: 320, //        long side of the thumbnail
};

// Raster formats a phone or camera sends; SVG and PDF are refused (they are documents).
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif', 'avif', 'tiff', 'gif']);

/** A photo decoded, cleaned and re-encoded, ready to store. */
export interface ProcessedPhoto {
  name: string;
  full: { data: Buffer; width: number; height: number };
  thumb: { data: Buffer; width: number; height: number };
  /** The GPS position from the original's EXIF; never written to the stored files. */
  gps: { lat: number; lon: number } | null;
}

/** 4xx for a file that is not a usable photo, naming the file. */
export function photoRefused(name: string, reason: string, status = 422): HttpError {
  return new HttpError(status, 'invalid_photo', `Photo "${name}" was refused: ${reason}`, { file: name, reason });
}

/**
 * Decodes one uploaded photo, rotates it upright by its EXIF orientation, limits its size,
 * re-encodes it as JPEG without any metadata and makes a thumbnail. Throws photoRefused.
 */
export async function processPhoto(name: string, input: Buffer): Promise<ProcessedPhoto> {
  const open = () => sharp(input, { limitInputPixels: PHOTO_LIMITS.maxInputPixels, failOn: 'truncated' });
  let format: string | undefined;
  try {
    // Reading the header decodes no pixels, so it is safe without the limit; the limit is checked below.
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    format = meta.format;
    if (meta.width && meta.height && meta.width * meta.height > PHOTO_LIMITS.maxInputPixels) {
      throw photoRefused(name, `it is ${meta.width} × ${meta.height} px; at most ${PHOTO_LIMITS.maxInputPixels / 1e6} megapixels are accepted`, 413);
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw photoRefused(name, 'it is not an image this service can read (JPEG, PNG, WebP, AVIF, TIFF or GIF)', 415);
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    throw photoRefused(name, `${format ?? 'this'} files are not accepted; send a JPEG, PNG, WebP, AVIF, TIFF or GIF photo`, 415);
  }
  try {
    // No withMetadata(): sharp writes no EXIF, XMP or IPTC, so the GPS position is gone.
    const full = await open()
      .rotate()
      .resize({ width: PHOTO_LIMITS.maxSide, height: PHOTO_LIMITS.maxSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(full.data)
      .resize({ width: PHOTO_LIMITS.thumbSide, height: PHOTO_LIMITS.thumbSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer({ resolveWithObject: true });
    return {
      name,
      full: { data: full.data, width: full.info.width, height: full.info.height },
      thumb: { data: thumb.data, width: thumb.info.width, height: thumb.info.height },
      gps: await readGps(input),
    };
  } catch (err) {
    const reason = (err as Error).message ?? String(err);
    throw photoRefused(name, /truncat|premature|end of (file|data)|unexpected end/i.test(reason)
      ? 'the file is incomplete (truncated)'
      : `it could not be decoded (${reason.split('\n')[0]})`);
  }
}

/** The GPS position recorded in a photo's EXIF, or null. */
export async function readGps(input: Buffer): Promise<{ lat: number; lon: number } | null> {
  try {
    const gps = await exifr.gps(input);
    if (!gps || !Number.isFinite(gps.latitude) || !Number.isFinite(gps.longitude)) return null;
    if (Math.abs(gps.latitude) > 90 || Math.abs(gps.longitude) > 180) return null;
    return { lat: gps.latitude, lon: gps.longitude };
  } catch {
    return null; // unreadable EXIF: the photo is still fine, it just gives no position
  }
}
