import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PhotoRow } from '../store/photos.ts';
import type { ProcessedPhoto } from './photos.ts';

/** The folder under DATA_DIR where photos are kept, served at /media. */
export function mediaDir(dataDir: string): string {
  return path.join(dataDir, 'media');
}

/**
 * Writes processed photos under `dir` with unguessable names (yyyy/mm/uuid.jpg and uuid-t.jpg)
 * and returns their rows. On failure, every file written so far is removed.
 */
export async function savePhotos(dir: string, photos: readonly ProcessedPhoto[], now = new Date(), firstPosition = 0): Promise<PhotoRow[]> {
  const sub = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  await fs.mkdir(path.join(dir, sub), { recursive: true });
  const rows: PhotoRow[] = [];
  try {
    for (const [position, p] of photos.entries()) {
      const id = randomUUID();
      const row: PhotoRow = {
        position: firstPosition + position,
        fullPath: `${sub}/${id}.jpg`,
        thumbPath: `${sub}/${id}-t.jpg`,
        width: p.full.width,
        height: p.full.height,
        thumbWidth: p.thumb.width,
        thumbHeight: p.thumb.height,
        bytes: p.full.data.length,
      };
      rows.push(row);
      // 'wx': never overwrite; a name clash is a bug, not something to paper over.
      await fs.writeFile(path.join(dir, row.fullPath), p.full.data, { flag: 'wx' });
      await fs.writeFile(path.join(dir, row.thumbPath), p.thumb.data, { flag: 'wx' });
    }
  } catch (err) {
    await removePhotos(dir, rows);
    throw err;
  }
  return rows;
}

/** Removes the files of photos that were written but not kept (the report was not stored). */
export async function removePhotos(dir: string, rows: readonly PhotoRow[]): Promise<void> {
  await Promise.all(
    rows.flatMap((r) => [r.fullPath, r.thumbPath]).map((p) => fs.rm(path.join(dir, p), { force: true })),
  );
}
