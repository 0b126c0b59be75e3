/**
 * Getis-Ord Gi* hot-spot statistic with binary distance-band weights (the cell itself included).
 *
 *   Gi* = (Σj wij xj − X̄ Σj wij) / (S √((n Σj wij² − (Σj wij)²) / (n − 1)))
 *   X̄ = Σ xj / n,   S = √(Σ xj² / n − X̄²)
 *
 * over all n cells of the study area, empty ones included. The result is a z-score; its p-value
 * is two-tailed under the normal distribution.
 */

export interface GiResult {
  z: number;
  p: number;
  /** hot or cold at 99, 95 or 90 % confidence, or not significant. */
  class: GiClass;
}

export type GiClass = 'hot_99' | 'hot_95' | 'hot_90' | 'cold_99' | 'cold_95' | 'cold_90' | 'not_significant';

/**
 * Gi* for every cell. `values[i]` is cell i's count; `neighbours[i]` lists the indexes within the
 * distance band of cell i (including i). With no variance at all, every z is 0.
 */
export function getisOrdGiStar(values: readonly number[], neighbours: ReadonlyArray<readonly number[]>): GiResult[] {
  const n = values.length;
  if (neighbours.length !== n) throw new Error(`neighbours has ${neighbours.length} entries for ${n} values`);
  let sum = 0;
  let sumSq = 0;
  for (const v of values) {
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  const s = Math.sqrt(Math.max(sumSq / n - mean * mean, 0));
  return neighbours.map((nb) => {
    let wx = 0;
    for (const j of nb) wx += values[j]!;
    const w = nb.length;
    const denominator = s * Math.sqrt((n * w - w * w) / (n - 1));
    const z = denominator > 0 ? (wx - mean * w) / denominator : 0;
    const p = twoTailedP(z);
    return { z, p, class: classify(z) };
  });
}

/** The significance class of a z-score (critical values 2.576, 1.960, 1.645). */
export function classify(z: number): GiClass {
  const a = Math.abs(z);
  const side = z > 0 ? 'hot' : 'cold';
  if (a >= 2.576) return `${side}_99`;
  if (a >= 1.96) return `${side}_95`;
  if (a >= 1.645) return `${side}_90`;
  return 'not_significant';
}

/** Two-tailed p-value of a standard normal z. */
export function twoTailedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

// Complementary error function (Numerical Recipes' erfcc; fractional error < 1.2e-7).
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}
