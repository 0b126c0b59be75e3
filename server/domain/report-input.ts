import { z } from 'zod';
import { numeric } from './validation.ts';

/** Longest description a resident may send. Stored and shown as plain text. */
export const MAX_DESCRIPTION = 4000;

/** What a resident sends to file a report. */
export const newReportSchema = z
  .object({
    category: z
      .string({ error: 'category is required' })
      .trim()
      .min(1, { error: 'category is required' })
      .max(64, { error: 'category is at most 64 characters' }),
    lat: numeric('lat').pipe(z.number().min(-90, { error: 'lat must be between -90 and 90' }).max(90, { error: 'lat must be between -90 and 90' })),
    lon: numeric('lon').pipe(z.number().min(-180, { error: 'lon must be between -180 and 180' }).max(180, { error: 'lon must be between -180 and 180' })),
    description: z
      .string({ error: 'description must be text' })
      .max(MAX_DESCRIPTION, { error: `description is at most ${MAX_DESCRIPTION} characters` })
      .refine((s) => !s.includes('\u0000'), { error: 'description must not contain NUL characters' })
      .default(''),
    contact_email: z.email({ error: 'contact_email must be an e-mail address' }).max(254).optional(),
    contact_phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, { error: 'contact_phone must be 6–20 digits, optionally with +, spaces, dashes or brackets' })
      .optional(),
    // The resident saw the nearby reports and says theirs is a different problem.
    not_duplicate: z
      .preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: 'not_duplicate must be true or false' }))
      .optional(),
  })
  .strict();

export type NewReport = z.output<typeof newReportSchema>;

/**
 * A report sent as multipart/form-data with photos: the position may be left out, and is then
 * read from the first photo's EXIF GPS. Both coordinates or neither.
 */
export const multipartReportSchema = newReportSchema
  .extend({ lat: newReportSchema.shape.lat.optional(), lon: newReportSchema.shape.lon.optional() })
  .refine((r) => (r.lat === undefined) === (r.lon === undefined), { error: 'send both lat and lon, or neither', path: ['lat'] });

export type MultipartReport = z.output<typeof multipartReportSchema>;

/** An Idempotency-Key header: 1–200 visible ASCII characters (a UUID is typical). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, { error: 'Idempotency-Key must be 1–200 visible ASCII characters' });
