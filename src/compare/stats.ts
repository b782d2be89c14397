// Statistics for comparing two groups of documents: the log-likelihood test
// (G², Dunning 1993) on a 2x2 table, its p-value, and Hardie's Log Ratio as the
// effect size. Pure arithmetic; no dependencies.

export interface TwoByTwo {
  /** Units (segments) with the feature in group A, and all units of group A. */
  a: number;
  totalA: number;
  /** The same for group B. */
  b: number;
  totalB: number;
}

/**
 * G² = 2 Σ O·ln(O/E) over the four cells (with, without) x (A, B), the expected
 * counts E coming from the pooled rate. Cells with O = 0 contribute 0.
 * Unlike the two-cell shortcut common in corpus linguistics, the "without"
 * cells matter here because a theme can code a large share of a group.
 */
export function gSquared({ a, totalA, b, totalB }: TwoByTwo): number {
  const total = totalA + totalB;
  const withFeature = a + b;
  if (total === 0 || withFeature === 0 || withFeature === total) return 0;
  const cells: Array<[number, number]> = [
    [a, (totalA * withFeature) / total],
    [totalA - a, (totalA * (total - withFeature)) / total],
    [b, (totalB * withFeature) / total],
    [totalB - b, (totalB * (total - withFeature)) / total],
  ];
  let sum = 0;
  for (const [observed, expected] of cells) if (observed > 0 && expected > 0) sum += observed * Math.log(observed / expected);
  return Math.max(0, 2 * sum);
}

/** P(X ≥ g2) for X ~ χ² with one degree of freedom: erfc(√(g2/2)). */
export function pValueChiSquare1(g2: number): number {
  if (!(g2 > 0)) return 1;
  return erfc(Math.sqrt(g2 / 2));
}

/**
 * Complementary error function (Numerical Recipes' Chebyshev fit, fractional
 * error below 1.2e-7 everywhere: plenty for a p-value).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * Log Ratio (Hardie 2014): log2 of the ratio of the two relative frequencies,
 * with 0.5 added to each count so that a theme absent from one group gives a
 * finite value. +1 means twice as frequent in A, -1 half as frequent.
 */
export function logRatio({ a, totalA, b, totalB }: TwoByTwo): number {
  if (totalA === 0 || totalB === 0) return 0;
  return Math.log2(((a + 0.5) / totalA) / ((b + 0.5) / totalB));
}

/** x rounded to `digits` decimals (similarities are reported to 3). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
