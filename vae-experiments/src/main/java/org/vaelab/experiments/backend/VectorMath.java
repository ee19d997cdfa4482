package org.vaelab.experiments.backend;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp and log1p on float vectors from adds, multiplies and one division, for the likelihood
 * kernels. The Vector API's own EXP and LOG1P fall back to per-lane scalar calls on CPUs without
 * its SVML stubs, which costs more than the rest of the kernel. Accuracy: a few float ulps (checked by {@code VectorMathTest}).
 */
final class VectorMath {
  private static final float LOG2E = 1.44269504089f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude < 2^22 to the nearest integer. */
  private static final float ROUNDER = 12582912f;
  private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
  private static final float MIN_ARG = -87.3f;
  private static final float MAX_ARG = 88f;
  private static final float LN2 = 0.69314718056f;
  private static final int MANTISSA_BITS = 0x007fffff;
  private static final int ONE_BITS = Float.floatToRawIntBits(1f);
  private static final VectorSpecies<Float> S1 = FloatVector.SPECIES_64;

  private VectorMath() {}

  /** e^x for x ≤ 0 (x below −87.3 gives e^−87.3 ≈ 1.2e−38, not 0). */
  static FloatVector expNonPositive(FloatVector x) {
    return expInRange(x.max(MIN_ARG));
  }

  /** e^x, with x clamped to [−87.3, 88] (inside the float range). */
  static FloatVector exp(FloatVector x) {
    return expInRange(x.max(MIN_ARG).min(MAX_ARG));
  }

  /** {@link #exp} of one float, the same bits as a lane of the vector version. */
  static float exp(float x) {
    return exp(FloatVector.broadcast(S1, x)).lane(0);
  }

  private static FloatVector expInRange(FloatVector x) {
    FloatVector shifted = x.mul(LOG2E).add(ROUNDER);  // its low mantissa bits hold round(x log2 e)
    FloatVector n = shifted.sub(ROUNDER);
    FloatVector r = x.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));  // r in [-ln2/2, ln2/2]
    // minimax polynomial for (e^r - 1 - r) / r^2 on that interval (Cephes expf coefficients)
    FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f);
    p = p.mul(r).add(8.3334519073e-3f);
    p = p.mul(r).add(4.1665795894e-2f);
    p = p.mul(r).add(1.6666665459e-1f);
    p = p.mul(r).add(5.0000001201e-1f);
    FloatVector er = p.mul(r.mul(r)).add(r).add(1f);
    // 2^n as float bits: (n + 127) << 23, with n taken from the rounded float's bits (no conversion)
    IntVector twoToN = shifted.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23);
    return er.mul(twoToN.reinterpretAsFloats());
  }

  /**
   * log(1 + e) for e in [0, 1], as 2 atanh(t) with t = e / (2 + e) in [0, 1/3]: the odd series to
   * t^13 leaves a relative error below 2e-8, and small e loses no precision.
   */
  static FloatVector log1pUnit(FloatVector e) {
    FloatVector t = e.div(e.add(2f));
    FloatVector t2 = t.mul(t);
    FloatVector s = t2.mul(1f / 13).add(1f / 11);
    s = s.mul(t2).add(1f / 9);
    s = s.mul(t2).add(1f / 7);
    s = s.mul(t2).add(1f / 5);
    s = s.mul(t2).add(1f / 3);
    s = s.mul(t2).add(1f);
    return s.mul(t).mul(2f);
  }

  /** 1 / (1 + e^−x) from e^−|x| (no overflow for either sign). */
  static FloatVector sigmoid(FloatVector x) {
    FloatVector e = expNonPositive(x.abs().neg());
    return FloatVector.broadcast(x.species(), 1f).blend(e, x.compare(VectorOperators.LT, 0f)).div(e.add(1f));
  }

  /**
   * log p for p ≥ 1 (products of factors 1 + e, e in [0, 1]): p = 2^k m with m in [1, 2), so
   * log p = k log 2 + log1p(m − 1). Summing log1p(e) as the log of a product costs one log per
   * product instead of one per factor.
   */
  static FloatVector logAtLeastOne(FloatVector p) {
    IntVector bits = p.reinterpretAsInts();
    // the biased exponent as a float without a conversion: in the low bits of ROUNDER, then subtracted
    FloatVector k = bits.lanewise(VectorOperators.LSHR, 23).add(ROUNDER_BITS).reinterpretAsFloats().sub(ROUNDER + 127);
    FloatVector m = bits.and(MANTISSA_BITS).or(ONE_BITS).reinterpretAsFloats();
    return k.mul(LN2).add(log1pUnit(m.sub(1f)));
  }

  /**
   * tanh as a rational function of degree 13/6 on [-7.9, 7.9] (Eigen's float coefficients), exact to
   * a few ulps. Unlike the Vector API's TANH it gives the same bits interpreted and compiled, so a
   * seed reproduces a run exactly.
   */
  static FloatVector tanh(FloatVector x) {
    FloatVector c = x.max(-7.90531110763549805f).min(7.90531110763549805f);
    FloatVector x2 = c.mul(c);
    FloatVector p = x2.mul(-2.76076847742355e-16f).add(2.00018790482477e-13f);
    p = p.mul(x2).add(-8.60467152213735e-11f);
    p = p.mul(x2).add(5.12229709037114e-08f);
    p = p.mul(x2).add(1.48572235717979e-05f);
    p = p.mul(x2).add(6.37261928875436e-04f);
    p = p.mul(x2).add(4.89352455891786e-03f);
    p = p.mul(c);
    FloatVector q = x2.mul(1.19825839466702e-06f).add(1.18534705686654e-04f);
    q = q.mul(x2).add(2.26843463243900e-03f);
    q = q.mul(x2).add(4.89352518554385e-03f);
    FloatVector r = p.div(q);
    return r.blend(x, x.abs().compare(VectorOperators.LT, 0.0004f));  // tanh(x) = x to float precision
  }

  /** e^x − 1 for x ≤ 0, for ELU: absolute error below 1e-7 (relative accuracy is lost near 0). */
  static FloatVector expm1NonPositive(FloatVector x) {
    return expNonPositive(x).sub(1f);
  }

  /**
   * The lanes' sum in lane order. {@code reduceLanes(ADD)} leaves the order of float additions
   * unspecified, and the interpreter and C2 differ: runs of one seed then differed in the 8th digit.
   */
  static double laneSum(FloatVector v) {
    float[] lanes = v.toArray();
    double sum = 0;
    for (float f : lanes) sum += f;
    return sum;
  }

  /**
   * d[from + j] = 0 where relu[j] ≤ 0 when {@code relu} is given (ReLU's gradient from its output, the
   * bits of a separate pass), for j < length; returns their sum: lane by lane, then the lanes in order
   * (the same bits compiled or interpreted, see {@link #laneSum}), then the rest.
   */
  static double maskedSum(float[] d, int from, float[] relu, int length) {
    VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
    int upper = s.loopBound(length);
    FloatVector acc = FloatVector.zero(s);
    for (int j = 0; j < upper; j += s.length()) {
      FloatVector v = FloatVector.fromArray(s, d, from + j);
      if (relu != null) {
        v = v.blend(0f, FloatVector.fromArray(s, relu, j).compare(VectorOperators.LE, 0f));
        v.intoArray(d, from + j);
      }
      acc = acc.add(v);
    }
    double sum = laneSum(acc);
    for (int j = upper; j < length; j++) {
      if (relu != null && relu[j] <= 0) d[from + j] = 0f;
      sum += d[from + j];
    }
    return sum;
  }
}
