package org.vaelab.models.prior;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.PosteriorSample;

/**
 * The one-sample Monte-Carlo KL log q(z|x) − log p(z) against a mixture of diagonal Gaussians
 * p(z) = Σ_k w_k N(z; m_k, diag exp(s_k)), differentiated along the path (eps fixed:
 * d log q / d mean = 0, d log q / d logVar = −1/2). Shared by the mixture prior and the VampPrior.
 * Component parameters are flat row-major {@code [K, D]} arrays; the inner loops run over
 * contiguous K or D so that the JIT vectorises them.
 */
final class MixtureKl {
  static final double LOG_2PI = Math.log(2 * Math.PI);

  /** Sums over the batch of d log p(z) / d(m, s, log w), flat [K, D] — filled by {@link #compute}. */
  final double[] dLogPdMeans;
  final double[] dLogPdLogVars;
  final double[] dLogPdLogWeights;
  private final int components;
  private final int latentDim;
  private final double[] invVarT;      // [D, K]
  private final double[] meanInvVarT;  // [D, K]
  private final double[] invVar;       // [K, D]
  private final double[] meanInvVar;   // [K, D]
  private final double[] constant;     // [K]: log w_k − ½ Σ_d (log 2π + s_kd + m²_kd / v_kd)
  private final double[] comp;         // [K]
  private final double[] sumR;         // [K]
  private final double[] sumRzT;       // [D, K]
  private final double[] sumRz2T;      // [D, K]
  private double[] eps;
  private double[] logVar;
  private double[] zs;
  private double[] dZ;
  private double[] dLogVar;

  MixtureKl(int components, int latentDim) {
    this.components = components;
    this.latentDim = latentDim;
    int kd = components * latentDim;
    dLogPdMeans = new double[kd];
    dLogPdLogVars = new double[kd];
    dLogPdLogWeights = new double[components];
    invVarT = new double[kd];
    meanInvVarT = new double[kd];
    invVar = new double[kd];
    meanInvVar = new double[kd];
    constant = new double[components];
    comp = new double[components];
    sumR = new double[components];
    sumRzT = new double[kd];
    sumRz2T = new double[kd];
  }

  /** Row scales all equal to {@code scale}, or null (no gradient) when it is 0. */
  static double[] uniform(double scale, long rows) {
    if (scale == 0) return null;
    double[] r = new double[(int) rows];
    Arrays.fill(r, scale);
    return r;
  }

  /**
   * Returns the KL summed over the batch, per row into {@code perExample} if not null, and unless
   * {@code rowScales} is null ADDS rowScales[b] × row b's gradient to {@code s.dZ()} and
   * {@code s.dLogVar()} and fills the d log p sums, each row weighted by its scale (the caller
   * subtracts them from the component parameters' gradients).
   */
  double compute(PosteriorSample s, double[] rowScales, INDArray perExample, double[] m, double[] lv, double[] logW) {
    int kCount = components;
    int dim = latentDim;
    for (int k = 0; k < kCount; k++) {
      double c = logW[k];
      for (int d = 0; d < dim; d++) {
        int kd = k * dim + d;
        double iv = Math.exp(-lv[kd]);
        invVar[kd] = iv;
        meanInvVar[kd] = m[kd] * iv;
        invVarT[d * kCount + k] = iv;
        meanInvVarT[d * kCount + k] = m[kd] * iv;
        c -= 0.5 * (LOG_2PI + lv[kd] + m[kd] * m[kd] * iv);
      }
      constant[k] = c;
    }
    int n = (int) s.z().size(0);
    eps = HostArrays.read(s.eps(), eps);
    logVar = HostArrays.read(s.logVar(), logVar);
    zs = HostArrays.read(s.z(), zs);
    boolean grads = rowScales != null;
    double scaleSum = 0;
    if (grads) {
      dZ = HostArrays.read(s.dZ(), dZ);
      dLogVar = HostArrays.read(s.dLogVar(), dLogVar);
      Arrays.fill(sumR, 0);
      Arrays.fill(sumRzT, 0);
      Arrays.fill(sumRz2T, 0);
    }
    double[] per = perExample == null ? null : new double[n];
    double[] dzA = new double[dim];
    double[] dzB = new double[dim];
    double total = 0;
    for (int b = 0; b < n; b++) {
      int row = b * dim;
      double logQ = 0;
      for (int d = 0; d < dim; d++) logQ -= 0.5 * (LOG_2PI + logVar[row + d] + eps[row + d] * eps[row + d]);
      System.arraycopy(constant, 0, comp, 0, kCount);
      for (int d = 0; d < dim; d++) {
        double z = zs[row + d];
        double a = -0.5 * z * z;
        int at = d * kCount;
        for (int k = 0; k < kCount; k++) comp[k] += a * invVarT[at + k] + z * meanInvVarT[at + k];
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < kCount; k++) max = Math.max(max, comp[k]);
      double sum = 0;
      for (int k = 0; k < kCount; k++) {
        comp[k] = Math.exp(comp[k] - max);  // one exp per component: the log-sum-exp's, reused below
        sum += comp[k];
      }
      double logP = max + Math.log(sum);
      total += logQ - logP;
      if (per != null) per[b] = logQ - logP;
      if (!grads) continue;
      double scale = rowScales[b];
      scaleSum += scale;
      double toResponsibility = scale / sum;
      for (int k = 0; k < kCount; k++) comp[k] *= toResponsibility;  // scaled responsibilities
      Arrays.fill(dzA, 0);
      Arrays.fill(dzB, 0);
      for (int k = 0; k < kCount; k++) {
        double r = comp[k];
        sumR[k] += r;
        int at = k * dim;
        for (int d = 0; d < dim; d++) {
          dzA[d] += r * invVar[at + d];
          dzB[d] += r * meanInvVar[at + d];
        }
      }
      for (int d = 0; d < dim; d++) {
        double z = zs[row + d];
        double z2 = z * z;
        int at = d * kCount;
        for (int k = 0; k < kCount; k++) {
          sumRzT[at + k] += comp[k] * z;
          sumRz2T[at + k] += comp[k] * z2;
        }
        // d log p / dz = −Σ_k r_k (z − m_k) / v_k
        dZ[row + d] -= dzB[d] - z * dzA[d];
        dLogVar[row + d] -= 0.5 * scale;
      }
    }
    if (per != null) HostArrays.write(per, perExample);
    if (grads) {
      gradientsOfComponents(m, logW, scaleSum);
      HostArrays.write(dZ, s.dZ());
      HostArrays.write(dLogVar, s.dLogVar());
    }
    return total;
  }

  /** d log p / d(m, s, log w) summed over the batch, from the (scaled) responsibility sums R, Σ r z, Σ r z². */
  private void gradientsOfComponents(double[] m, double[] logW, double scaleSum) {
    for (int k = 0; k < components; k++) {
      double r = sumR[k];
      dLogPdLogWeights[k] = r - scaleSum * Math.exp(logW[k]);
      for (int d = 0; d < latentDim; d++) {
        int kd = k * latentDim + d;
        double s1 = sumRzT[d * components + k];
        double s2 = sumRz2T[d * components + k];
        double mean = m[kd];
        double iv = invVar[kd];
        dLogPdMeans[kd] = iv * (s1 - mean * r);
        dLogPdLogVars[kd] = 0.5 * (iv * (s2 - 2 * mean * s1 + mean * mean * r) - r);
      }
    }
  }

  static double logSumExp(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) max = Math.max(max, x);
    double sum = 0;
    for (double x : v) sum += Math.exp(x - max);
    return max + Math.log(sum);
  }
}
