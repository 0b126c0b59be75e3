import type { Queryable } from './places.ts';

/** A stored photo's row, paths relative to the media folder. */
export interface PhotoRow {
  position: number;
  fullPath: string;
  thumbPath: string;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  bytes: number;
}

/** A photo as a report lists it publicly. */
export interface PublicPhoto {
  /** `report`: sent by the resident; `after`: taken by the crew when the work was done. */
  kind: string;
  url: string;
  width: number;
  height: number;
  thumbnail: { url: string; width: number; height: number };
}

const INSERT_PHOTOS_SQL = `
INSERT INTO report_photos (report_id, kind, position, full_path, thumb_path, width, height, thumb_width, thumb_height, bytes)
SELECT $1, $10, * FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[])`;

/** Records a report's photos: the resident's (`report`) or a crew's after the work (`after`). */
export async function insertPhotos(q: Queryable, reportId: number, photos: readonly PhotoRow[], kind: 'report' | 'after' = 'report'): Promise<void> {
  if (photos.length === 0) return;
  const col = <T>(f: (p: PhotoRow) => T) => photos.map(f);
  await q.query(INSERT_PHOTOS_SQL, [
    reportId,
    col((p) => p.position),
    col((p) => p.fullPath),
    col((p) => p.thumbPath),
    col((p) => p.width),
    col((p) => p.height),
    col((p) => p.thumbWidth),
    col((p) => p.thumbHeight),
    col((p) => p.bytes),
    kind,
  ]);
}

// Photos hidden by a moderator are kept for staff but never listed publicly.
const LIST_PHOTOS_SQL = `
SELECT full_path, thumb_path, width, height, thumb_width, thumb_height, kind
  FROM report_photos WHERE report_id = $1 AND NOT hidden ORDER BY position`;

/** A report's photos with the URLs of both sizes, in the order they were sent. */
export async function listPublicPhotos(q: Queryable, reportId: number): Promise<PublicPhoto[]> {
  const { rows } = await q.query<{
    full_path: string;
    thumb_path: string;
    width: number;
    height: number;
    thumb_width: number;
    thumb_height: number;
    kind: string;
  }>(LIST_PHOTOS_SQL, [reportId]);
  return rows.map((r) => ({
    kind: r.kind,
    url: `/media/${r.full_path}`,
    width: r.width,
    height: r.height,
    thumbnail: { url: `/media/${r.thumb_path}`, width: r.thumb_width, height: r.thumb_height },
  }));
}
