/**
 * A report's photos as the page may show them. The field's exact shape is the server's to settle
 * (strings, or objects with `url` and a thumbnail as `thumbnail.url`, `thumbnail_url` or `thumb_url`); anything else is skipped, and so is any
 * address on another origin, so a report can never make the page fetch from elsewhere. Pure.
 */

export interface PhotoLinks {
  full: string;
  thumb: string;
  /** `report` (the resident's) or `after` (the crew's, once the work was done). */
  kind: string;
}

function ownPath(value: unknown, origin: string): string | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value, `${origin}/`);
    return url.origin === origin && (url.protocol === 'http:' || url.protocol === 'https:') ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}

/** The photos in `photos` served from `origin` (e.g. location.origin), full size and thumbnail. */
export function photoUrls(photos: unknown, origin: string): PhotoLinks[] {
  if (!Array.isArray(photos)) return [];
  const out: PhotoLinks[] = [];
  for (const p of photos) {
    const entry = typeof p === 'string' ? { url: p } : typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : null;
    if (!entry) continue;
    const full = ownPath(entry.url, origin);
    const nested = typeof entry.thumbnail === 'object' && entry.thumbnail !== null ? (entry.thumbnail as Record<string, unknown>).url : undefined;
    const thumb = ownPath(nested, origin) ?? ownPath(entry.thumbnail_url, origin) ?? ownPath(entry.thumb_url, origin) ?? full;
    const kind = entry.kind === 'after' ? 'after' : 'report';
    if (full && thumb) out.push({ full, thumb, kind });
  }
  return out;
}
