import { z } from 'zod';
import { badRequest } from '../errors.ts';

/** A number given as a JSON number or a non-empty numeric string (form fields). */
export const numeric = (name: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z.number({ error: `${name} must be a number` }).finite({ error: `${name} must be a finite number` }),
  );

/** Parses `input` with `schema` or throws a 400 listing every problem with its field path. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, code = 'validation_failed'): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({ field: i.path.join('.') || null, message: i.message }));
  const summary = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
  throw badRequest(code, `Invalid input: ${summary}`, { problems });
}

export type BBox = [west: number, south: number, east: number, north: number];

/** Parses `w,s,e,n` in degrees; throws 400 naming the problem. */
export function parseBBox(value: unknown): BBox {
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest('invalid_bbox', 'bbox is required as w,s,e,n in degrees', { bbox: value ?? null });
  }
  const parts = value.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    throw badRequest('invalid_bbox', 'bbox must be four numbers w,s,e,n', { bbox: value });
  }
  const [w, s, e, n] = parts as BBox;
  if (w < -180 || e > 180 || s < -90 || n > 90 || w >= e || s >= n) {
    throw badRequest('invalid_bbox', 'bbox must satisfy -180 <= w < e <= 180 and -90 <= s < n <= 90', { bbox: value });
  }
  return [w, s, e, n];
}
