import zlib from 'node:zlib';
import sharp from 'sharp';

/** Degrees to an EXIF rational triple "d/1 m/1 s*100/100". */
function dms(deg: number): string {
  const d = Math.floor(deg);
  const m = Math.floor((deg - d) * 60);
  const s = Math.round(((deg - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
}

/** A JPEG with a camera make, an orientation and a GPS position in its EXIF. */
export async function jpegWithGps(
  position: { lat: number; lon: number } | null,
  options: { width?: number; height?: number; orientation?: number } = {},
): Promise<Buffer> {
  const { width = 800, height = 600, orientation = 1 } = options;
  const gps: Record<string, string> = position
    ? { GPSLatitudeRef: 'N', GPSLatitude: dms(position.lat), GPSLongitudeRef: 'E', GPSLongitude: dms(position.lon) }
    : {};
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 60, b: 40 } } })
    .withMetadata({ orientation })
    .withExifMerge({ IFD0: { Make: 'OrdermapTestCam', Model: 'T-1' }, IFD3: gps })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A valid PNG of `side` × `side` pixels (1-bit grey, all black) that compresses to a few kB. */
export function hugePng(side: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc(side * (1 + Math.ceil(side / 8))); // filter byte 0 + zero pixels per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
