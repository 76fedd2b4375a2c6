/**
 * Two-sample tests for comparing groups of customers (A/B experiments, and the lift of a targeted
 * campaign against its hold-out): rates by the two-proportion z-test, means by Welch's t-test.
 * Pure and dependency-free. Every answer compares group B with group A (B − A), two-sided, with a
 * confidence interval at `level` (default 95 %). A test that is undefined for its input (an empty
 * group, no variance at all) answers `null` for what cannot be computed rather than NaN.
 */

/** Successes out of trials: converted customers of the customers exposed, redeemed of sent, … */
export interface Proportion {
  successes: number;
  n: number;
}

/** A sample's size, mean and (unbiased, n − 1) variance. */
export interface Sample {
  n: number;
  mean: number;
  variance: number;
}

export interface TestResult {
  /** B − A: difference of the rates, or of the means */
  difference: number;
  /** confidence interval of the difference at the requested level */
  ci: [number, number] | null;
  /** two-sided p-value of "no difference" */
  pValue: number | null;
  /** the test statistic (z or t) */
  statistic: number | null;
}

export interface ProportionTest extends TestResult {
  rateA: number | null;
  rateB: number | null;
}

export interface WelchTest extends TestResult {
  /** Welch–Satterthwaite degrees of freedom */
  df: number | null;
}

/**
 * Standard normal CDF Φ(x), Hart's double-precision rational approximation (as given by West,
 * "Better approximations to cumulative normal functions", 2005): absolute error below 1e-14.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const a = Math.abs(x);
  let c: number;
  if (a > 37) c = 0;
  else {
    const e = Math.exp((-a * a) / 2);
    if (a < 7.07106781186547) {
      let n = 3.52624965998911e-2 * a + 0.700383064443688;
      n = n * a + 6.37396220353165;
      n = n * a + 33.912866078383;
      n = n * a + 112.079291497871;
      n = n * a + 221.213596169931;
      n = n * a + 220.206867912376;
      let d = 8.83883476483184e-2 * a + 1.75566716318264;
      d = d * a + 16.064177579207;
      d = d * a + 86.7807322029461;
      d = d * a + 296.564248779674;
      d = d * a + 637.333633378831;
      d = d * a + 793.826512519948;
      d = d * a + 440.413735824752;
      c = (e * n) / d;
    } else {
      let b = a + 0.65;
      b = a + 4 / b;
      b = a + 3 / b;
      b = a + 2 / b;
      b = a + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

/**
 * Standard normal quantile Φ⁻¹(p): Acklam's rational approximation (relative error 1.15e-9),
 * refined by one Halley step on normalCdf, which brings it to about machine precision.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
export function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let s = g[0];
  for (let i = 1; i < 9; i++) s += g[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** The continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes §6.4). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b). The continued fraction converges quickly for
 * x < (a + 1) / (a + b + 2); above that the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used.
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Student's t CDF with `df` degrees of freedom (df > 0, not necessarily whole): through I_x(df/2, 1/2). */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** Two-sided tail probability P(|T| ≥ |t|), computed without the cancellation of 1 − CDF. */
export function studentTTwoSided(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** Student's t quantile: the t with CDF p, by bisection on studentTCdf (monotone; 200 halvings reach machine precision). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Number.POSITIVE_INFINITY;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Two-proportion z-test of B against A. The p-value uses the pooled proportion (the standard error
 * under "no difference"); the interval uses the unpooled standard error (Wald), as is usual: the
 * two can disagree at the edge of significance, and the p-value is the one that decides.
 */
export function twoProportionZTest(a: Proportion, b: Proportion, level = 0.95): ProportionTest {
  const rateA = a.n > 0 ? a.successes / a.n : null;
  const rateB = b.n > 0 ? b.successes / b.n : null;
  if (rateA === null || rateB === null) {
    return { rateA, rateB, difference: 0, ci: null, pValue: null, statistic: null };
  }
  const difference = rateB - rateA;
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const se = Math.sqrt((rateA * (1 - rateA)) / a.n + (rateB * (1 - rateB)) / b.n);
  const z = sePooled > 0 ? difference / sePooled : Number.NaN;
  const q = normalQuantile(1 - (1 - level) / 2);
  return {
    rateA,
    rateB,
    difference,
    ci: [difference - q * se, difference + q * se],
    statistic: finiteOrNull(z),
    pValue: Number.isFinite(z) ? 2 * normalCdf(-Math.abs(z)) : null,
  };
}

/** Welch's unequal-variances t-test of B's mean against A's (each sample needs n ≥ 2). */
export function welchTTest(a: Sample, b: Sample, level = 0.95): WelchTest {
  const difference = b.mean - a.mean;
  if (a.n < 2 || b.n < 2) return { difference, ci: null, pValue: null, statistic: null, df: null };
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (!(se > 0)) return { difference, ci: null, pValue: null, statistic: null, df: null };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = difference / se;
  const q = studentTQuantile(1 - (1 - level) / 2, df);
  return {
    difference,
    df,
    statistic: t,
    ci: [difference - q * se, difference + q * se],
    pValue: studentTTwoSided(t, df),
  };
}

/** Size, mean and unbiased variance of numbers (Welford's update, stable for large sums of fen). */
export function summarize(values: Iterable<number>): Sample {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const x of values) {
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  return { n, mean: n ? mean : 0, variance: n > 1 ? m2 / (n - 1) : 0 };
}

/**
 * A sample from its size, sum and sum of squares (what one SQL aggregate returns), with the
 * exposed units that have no value (no order: 0 fen) counted in `n` as zeros.
 */
export function sampleFromSums(n: number, sum: number, sumOfSquares: number): Sample {
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}
