import { describe, expect, it } from 'vitest';
import {
  incompleteBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  sampleFromSums,
  studentTCdf,
  studentTQuantile,
  studentTTwoSided,
  summarize,
  twoProportionZTest,
  welchTTest,
} from './stats.js';

describe('normal distribution', () => {
  // Standard normal table values (e.g. Abramowitz & Stegun, Table 26.1; NIST/SEMATECH e-Handbook 1.3.6.7.1)
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [1.96, 0.9750021048517795],
    [2.5758293035489, 0.995],
    [3, 0.9986501019683699],
    [-6, 9.865876450376946e-10],
  ])('Φ(%f) = %f', (x, p) => {
    expect(normalCdf(x)).toBeCloseTo(p, 12);
  });

  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.01, -2.3263478740408408],
    [1e-6, -4.753424308822899],
  ])('Φ⁻¹(%f) = %f', (p, x) => {
    expect(normalQuantile(p)).toBeCloseTo(x, 9);
  });

  it('the quantile inverts the CDF across the range', () => {
    for (let p = 0.0005; p < 1; p += 0.0123) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
  });
});

describe('Student t distribution', () => {
  it('Γ: ln Γ(5) = ln 24, Γ(1/2) = √π', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('I_x(a, b) against closed forms: I_x(1, 1) = x, I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b', () => {
    for (const x of [0.01, 0.3, 0.5, 0.77, 0.99]) {
      expect(incompleteBeta(x, 1, 1)).toBeCloseTo(x, 13);
      expect(incompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 13);
      expect(incompleteBeta(x, 1, 7)).toBeCloseTo(1 - (1 - x) ** 7, 13);
      // symmetry I_x(a, b) = 1 − I_{1−x}(b, a), across the switch of the continued fraction
      expect(incompleteBeta(x, 2.5, 40) + incompleteBeta(1 - x, 40, 2.5)).toBeCloseTo(1, 13);
    }
  });

  it('CDF against closed forms: df 1 is Cauchy, df 2 is 1/2 + t / (2√(2 + t²))', () => {
    for (const t of [-30, -2, -0.5, 0, 0.3, 1, 4, 100]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
    }
  });

  // Two-sided 5 % critical values, e.g. the t table of the NIST/SEMATECH e-Handbook 1.3.6.7.2
  // (12.706, 4.303, 2.228, 2.042, 1.984) and R's qt(0.975, df) for the digits beyond
  it.each([
    [1, 12.706204736174698],
    [2, 4.302652729749464],
    [10, 2.228138851986274],
    [30, 2.042272456301238],
    [100, 1.983971518523552],
  ])('t(0.975, %i) = %f', (df, t) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 9);
    expect(studentTTwoSided(t, df)).toBeCloseTo(0.05, 12);
  });

  it('tends to the normal for large df', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959963984540054, 5);
  });
});

describe('two-proportion z-test', () => {
  it('by hand: 50 of 500 against 70 of 500', () => {
    // pooled p = 120/1000 = 0.12; SE₀ = √(0.12·0.88·(1/500 + 1/500)) = √0.0004224 = 0.0205524;
    // z = 0.04 / 0.0205524 = 1.94625; two-sided p = 2·(1 − Φ(1.94625)) = 0.051623 (normal table: Φ(1.95) = 0.97441);
    // Wald SE = √(0.1·0.9/500 + 0.14·0.86/500) = √0.0004208 = 0.0205134; CI = 0.04 ± 1.95996·0.0205134
    const r = twoProportionZTest({ successes: 50, n: 500 }, { successes: 70, n: 500 });
    expect(r.rateA).toBe(0.1);
    expect(r.rateB).toBe(0.14);
    expect(r.difference).toBeCloseTo(0.04, 15);
    expect(r.statistic).toBeCloseTo(1.94625, 4);
    expect(r.pValue).toBeCloseTo(0.051623, 5);
    expect(r.ci![0]).toBeCloseTo(0.04 - 1.959964 * 0.0205134, 6);
    expect(r.ci![1]).toBeCloseTo(0.04 + 1.959964 * 0.0205134, 6);
  });

  it('the p-value equals that of the uncorrected chi-squared test of the 2×2 table (R: prop.test(correct = FALSE))', () => {
    // table [[30, 70], [45, 55]]: χ² = 200·(30·55 − 70·45)² / (100·100·75·125) = 4.8, p = P(χ²₁ > 4.8) = 2·(1 − Φ(√4.8)) = 0.02846
    const r = twoProportionZTest({ successes: 30, n: 100 }, { successes: 45, n: 100 });
    expect(r.statistic! ** 2).toBeCloseTo(4.8, 10);
    expect(r.pValue).toBeCloseTo(0.02845973691631, 8);
  });

  it('is symmetric, and undefined for an empty group or no variation', () => {
    const ab = twoProportionZTest({ successes: 12, n: 80 }, { successes: 30, n: 90 });
    const ba = twoProportionZTest({ successes: 30, n: 90 }, { successes: 12, n: 80 });
    expect(ab.pValue).toBeCloseTo(ba.pValue!, 14);
    expect(ab.difference).toBeCloseTo(-ba.difference, 14);
    expect(twoProportionZTest({ successes: 0, n: 0 }, { successes: 1, n: 5 }).pValue).toBeNull();
    expect(twoProportionZTest({ successes: 0, n: 50 }, { successes: 0, n: 60 }).pValue).toBeNull();
  });
});

describe("Welch's t-test", () => {
  it("R's sleep data: t.test(extra ~ group, data = sleep) gives t = −1.8608, df = 17.776, p = 0.07939, CI [−3.3654832, 0.2054832]", () => {
    const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    // R reports group 1 − group 2; this library reports B − A, so A = group 2 and B = group 1
    const r = welchTTest(summarize(g2), summarize(g1));
    expect(r.difference).toBeCloseTo(0.75 - 2.33, 12);
    expect(r.statistic).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.pValue).toBeCloseTo(0.07939, 5);
    expect(r.ci![0]).toBeCloseTo(-3.3654832, 6);
    expect(r.ci![1]).toBeCloseTo(0.2054832, 6);
  });

  it('equal sizes and variances: df = 2(n − 1) and the pooled t', () => {
    // n = 20 each, variance 4 each, means 10 and 11.5: SE = √(4/20 + 4/20) = √0.4, t = 1.5/√0.4 = 2.371708, df = 38
    const r = welchTTest({ n: 20, mean: 10, variance: 4 }, { n: 20, mean: 11.5, variance: 4 });
    expect(r.df).toBeCloseTo(38, 10);
    expect(r.statistic).toBeCloseTo(2.371708, 6);
    // two-sided p for t = 2.371708 on 38 df: between the table's 0.05 (2.024) and 0.02 (2.429), ≈ 0.02289
    expect(r.pValue).toBeGreaterThan(0.02);
    expect(r.pValue).toBeLessThan(0.05);
    expect(r.pValue).toBeCloseTo(studentTTwoSided(1.5 / Math.sqrt(0.4), 38), 14);
  });

  it('is undefined below two per group or without variance', () => {
    expect(welchTTest({ n: 1, mean: 3, variance: 0 }, { n: 9, mean: 4, variance: 1 }).pValue).toBeNull();
    expect(welchTTest({ n: 5, mean: 3, variance: 0 }, { n: 9, mean: 3, variance: 0 }).ci).toBeNull();
  });

  it('summaries from sums agree with the summary of the values (zeros for units without an order)', () => {
    const values = [0, 0, 0, 1290, 2580, 0, 990, 0, 3870, 1290];
    const s = summarize(values);
    const fromSums = sampleFromSums(
      values.length,
      values.reduce((a, b) => a + b, 0),
      values.reduce((a, b) => a + b * b, 0),
    );
    expect(fromSums.mean).toBeCloseTo(s.mean, 9);
    expect(fromSums.variance).toBeCloseTo(s.variance, 6);
    expect(s.mean).toBe(1002);
  });
});
