import { describe, expect, it } from 'vitest';
import { newReportSchema } from '../../server/domain/report-input.ts';
import { parseBBox, parseOrThrow } from '../../server/domain/validation.ts';
import { HttpError } from '../../server/errors.ts';

function problemsOf(input: unknown): string[] {
  try {
    parseOrThrow(newReportSchema, input);
  } catch (e) {
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).status).toBe(400);
    return ((e as HttpError).details as { problems: Array<{ field: string; message: string }> }).problems.map(
      (p) => `${p.field}: ${p.message}`,
    );
  }
  return [];
}

describe('a new report', () => {
  it('accepts category, coordinates and a description', () => {
    expect(parseOrThrow(newReportSchema, { category: 'pothole', lat: 54.35, lon: 18.65, description: 'Deep hole' })).toEqual({
      category: 'pothole',
      lat: 54.35,
      lon: 18.65,
      description: 'Deep hole',
    });
  });

  it('accepts coordinates sent as form strings', () => {
    expect(parseOrThrow(newReportSchema, { category: 'pothole', lat: '54.35', lon: '18.65' }).lat).toBe(54.35);
  });

  it('requires a category', () => {
    expect(problemsOf({ lat: 54, lon: 18 })).toEqual(['category: category is required']);
    expect(problemsOf({ category: '  ', lat: 54, lon: 18 })).toEqual(['category: category is required']);
  });

  it('refuses a latitude of 91 and a longitude of -181', () => {
    expect(problemsOf({ category: 'pothole', lat: 91, lon: -181 })).toEqual([
      'lat: lat must be between -90 and 90',
      'lon: lon must be between -180 and 180',
    ]);
  });

  it('refuses an empty-string coordinate rather than reading it as 0', () => {
    expect(problemsOf({ category: 'pothole', lat: '', lon: 18 })[0]).toMatch(/^lat: lat must be a number/);
  });

  it('refuses a description over 4,000 characters', () => {
    expect(problemsOf({ category: 'pothole', lat: 54, lon: 18, description: 'x'.repeat(4001) })).toEqual([
      'description: description is at most 4000 characters',
    ]);
  });

  it('refuses unknown fields and a malformed e-mail', () => {
    const problems = problemsOf({ category: 'pothole', lat: 54, lon: 18, latitude: 54, contact_email: 'nope' });
    expect(problems.join('\n')).toMatch(/contact_email: contact_email must be an e-mail address/);
    expect(problems.join('\n')).toMatch(/latitude/);
  });
});

describe('a bbox', () => {
  it('parses w,s,e,n', () => {
    expect(parseBBox('18.5,54.3,18.7,54.4')).toEqual([18.5, 54.3, 18.7, 54.4]);
  });

  it.each(['', '1,2,3', '1,2,3,x', '18.7,54.3,18.5,54.4', '18.5,54.4,18.7,54.3', '-181,0,0,1', '0,0,1,91'])(
    'refuses "%s"',
    (v) => {
      expect(() => parseBBox(v)).toThrow(HttpError);
    },
  );
});
