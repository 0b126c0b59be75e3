import type { Queryable } from '../server/store/places.ts';
import type { FilterVocabulary } from './filters.ts';

/** How long the known categories and departments are trusted before they are read again. */
const TTL_MS = 60_000;

/** Reads the category and department codes a filter may name. */
export async function loadVocabulary(q: Queryable): Promise<FilterVocabulary> {
  const [cats, deps] = await Promise.all([
    q.query<{ code: string }>('SELECT code FROM categories ORDER BY code'),
    q.query<{ code: string; id: number }>('SELECT code, id FROM departments ORDER BY code'),
  ]);
  return { categories: cats.rows.map((r) => r.code), departments: new Map(deps.rows.map((r) => [r.code, r.id])) };
}

/** A cached vocabulary, read at most once a minute (catalogues change by migration or seed, rarely). */
export function cachedVocabulary(q: Queryable): () => Promise<FilterVocabulary> {
  let value: Promise<FilterVocabulary> | undefined;
  let readAt = 0;
  return () => {
    if (!value || Date.now() - readAt > TTL_MS) {
      readAt = Date.now();
      value = loadVocabulary(q).catch((err) => {
        value = undefined;
        throw err;
      });
    }
    return value;
  };
}
