import { describe, expect, it } from 'vitest';
import { classify, getisOrdGiStar, twoTailedP } from '../../server/domain/gistar.ts';

/*
 * Worked example, computed by hand: seven cells in a row with counts
 *   x = [2, 3, 10, 12, 11, 1, 0],   each cell's band = itself and its direct neighbours.
 *   n = 7,  Σx = 39,  X̄ = 39/7 = 5.571429,  Σx² = 379,
 *   S² = 379/7 − (39/7)² = (2653 − 1521)/49 = 1132/49,  S = √1132 / 7 = 4.806458.
 * Middle cells (w = 3):  denominator = S·√((7·3 − 3²)/6) = S·√2 = 6.797358.
 * End cells (w = 2):     denominator = S·√((7·2 − 2²)/6) = S·√(10/6) = 6.205111.
 *   cell 0: Σwx = 5,  (5 − 2·39/7)  = −43/7 → z = −6.142857 / 6.205111 = −0.989967
 *   cell 1: Σwx = 15, (15 − 3·39/7) = −12/7 → z = −1.714286 / 6.797358 = −0.252199
 *   cell 2: Σwx = 25, (25 − 117/7)  =  58/7 → z =  8.285714 / 6.797358 =  1.218961
 *   cell 3: Σwx = 33, (33 − 117/7)  = 114/7 → z = 16.285714 / 6.797358 =  2.395889
 *   cell 4: Σwx = 24, (24 − 117/7)  =  51/7 → z =  7.285714 / 6.797358 =  1.071845
 *   cell 5: Σwx = 12, (12 − 117/7)  = −33/7 → z = −4.714286 / 6.797358 = −0.693547
 *   cell 6: Σwx = 1,  (1 − 78/7)    = −71/7 → z = −10.142857 / 6.205111 = −1.634597
 * p (two-tailed) for cell 3: erfc(2.395889/√2) = 0.016580; for cell 6: 0.102134.
 */
const x = [2, 3, 10, 12, 11, 1, 0];
const band = x.map((_, i) => [i - 1, i, i + 1].filter((j) => j >= 0 && j < x.length));

describe('Getis-Ord Gi*', () => {
  it('matches the hand-computed z-scores of the worked example', () => {
    const z = getisOrdGiStar(x, band).map((r) => r.z);
    const expected = [-0.989967, -0.252199, 1.218961, 2.395889, 1.071845, -0.693547, -1.634597];
    z.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
  });

  it('gives two-tailed p-values and classes', () => {
    const r = getisOrdGiStar(x, band);
    expect(r[3]!.p).toBeCloseTo(0.01658, 4);
    expect(r[3]!.class).toBe('hot_95');
    expect(r[6]!.p).toBeCloseTo(0.102134, 4);
    expect(r[6]!.class).toBe('not_significant');
    expect(r[0]!.class).toBe('not_significant');
  });

  it('classifies at the 90, 95 and 99 % critical values, both tails', () => {
    expect(classify(2.6)).toBe('hot_99');
    expect(classify(2.0)).toBe('hot_95');
    expect(classify(1.7)).toBe('hot_90');
    expect(classify(1.6)).toBe('not_significant');
    expect(classify(-1.7)).toBe('cold_90');
    expect(classify(-3)).toBe('cold_99');
  });

  it('computes p from the normal distribution', () => {
    expect(twoTailedP(0)).toBeCloseTo(1, 6);
    expect(twoTailedP(1.959964)).toBeCloseTo(0.05, 5);
    expect(twoTailedP(2.575829)).toBeCloseTo(0.01, 5);
  });

  it('gives z = 0 everywhere when all cells are equal', () => {
    expect(getisOrdGiStar([4, 4, 4], [[0, 1], [0, 1, 2], [1, 2]]).map((r) => r.z)).toEqual([0, 0, 0]);
  });

  it('refuses neighbour lists that do not match the values', () => {
    expect(() => getisOrdGiStar([1, 2], [[0]])).toThrow(/neighbours has 1 entries for 2 values/);
  });
});
