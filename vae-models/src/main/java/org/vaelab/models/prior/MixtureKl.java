package org.vaelab.models.prior;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.PosteriorSample;

/**
 * The one-sample Monte-Carlo KL log q(z|x) − log p(z) against a mixture of diagonal Gaussians
 * p(z) = Σ_k w_k N(z; m_k, diag exp(s_k)), differentiated along the path (eps fixed:
 * d log q / d mean = 0, d log q / d logVar = −1/2). Shared by the mixture prior and the VampPrior.
 * Component parameters are flat row-major {@code [K, D]} arrays. The B × K × D work runs as three
 * double-precision products over the features [z, z²]: the components' log-densities, the batch's
 * responsibility-weighted sums, and the gradient w.r.t. z.
 */
final class MixtureKl {
  static final double LOG_2PI = Math.log(2 * Math.PI);

  /** Sums over the batch of d log p / d(m, s, log w), flat [K, D] — filled by {@link #compute}. */
  final double[] dLogPdMeans;
  final double[] dLogPdLogVars;
  final double[] dLogPdLogWeights;
  private final int components;
  private final int latentDim;
  private final double[] invVar;      // [K, D]
  private final double[] constant;    // [K]: log w_k − ½ Σ_d (log 2π + s_kd + m²_kd / v_kd)
  private final double[] coefHost;    // [2D, K]: m_kd / v_kd, then −½ / v_kd
  private final double[] sumsHost;    // [K, 2D]: Σ_b r_bk z_bd, then Σ_b r_bk z²_bd
  private final double[] means;       // [K, D]
  private final double[] logWeights;  // [K]
  private final INDArray coef;
  private final INDArray sums;
  private INDArray features;  // [rows, 2D]: z, z²
  private INDArray logits;    // [rows, K]: log w_k N(z; m_k, v_k), then the scaled responsibilities
  private INDArray dFeatures; // [rows, 2D]: responsibilities times coef^T
  private double[] featHost;
  private double[] logitHost;
  private double[] dFeatHost;
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
    invVar = new double[kd];
    constant = new double[components];
    coefHost = new double[2 * kd];
    sumsHost = new double[2 * kd];
    means = new double[kd];
    logWeights = new double[components];
    coef = Nd4j.create(DataType.DOUBLE, 2L * latentDim, components);
    sums = Nd4j.create(DataType.DOUBLE, components, 2L * latentDim);
  }

  /** Row scales all equal to {@code scale}, or null (no gradient) when it is 0. */
  static double[] uniform(double scale, long rows) {
    if (scale == 0) return null;
    double[] r = new double[(int) rows];
    Arrays.fill(r, scale);
    return r;
  }

  /**
   * Sets the components (means {@code m}, log-variances {@code lv}, log-weights {@code logW}) that
   * the following {@link #compute} calls use.
   */
  void prepare(double[] m, double[] lv, double[] logW) {
    int kCount = components;
    int dim = latentDim;
    System.arraycopy(m, 0, means, 0, means.length);
    System.arraycopy(logW, 0, logWeights, 0, kCount);
    for (int k = 0; k < kCount; k++) {
      double c = logW[k];
      for (int d = 0; d < dim; d++) {
        int kd = k * dim + d;
        double iv = Math.exp(-lv[kd]);
        invVar[kd] = iv;
        coefHost[d * kCount + k] = m[kd] * iv;
        coefHost[(dim + d) * kCount + k] = -0.5 * iv;
        c -= 0.5 * (LOG_2PI + lv[kd] + m[kd] * m[kd] * iv);
      }
      constant[k] = c;
    }
    HostArrays.write(coefHost, coef);
  }

  /** {@link #prepare} then {@link #compute(PosteriorSample, double[], INDArray)}. */
  double compute(PosteriorSample s, double[] rowScales, INDArray perExample, double[] m, double[] lv, double[] logW) {
    prepare(m, lv, logW);
    return compute(s, rowScales, perExample);
  }

  /**
   * Returns the KL summed over the batch, per row into {@code perExample} if not null, and unless
   * {@code rowScales} is null ADDS rowScales[b] × row b's gradient to {@code s.dZ()} and
   * {@code s.dLogVar()} and fills the d log p sums, each row weighted by its scale (the caller
   * subtracts them from the component parameters' gradients).
   */
  double compute(PosteriorSample s, double[] rowScales, INDArray perExample) {
    int kCount = components;
    int dim = latentDim;
    int n = (int) s.z().size(0);
    eps = HostArrays.read(s.eps(), eps);
    logVar = HostArrays.read(s.logVar(), logVar);
    zs = HostArrays.read(s.z(), zs);
    planRows(n);
    INDArray feat = rows(features, n);
    INDArray lg = rows(logits, n);
    for (int b = 0; b < n; b++) {
      for (int d = 0; d < dim; d++) {
        double z = zs[b * dim + d];
        featHost[b * 2 * dim + d] = z;
        featHost[b * 2 * dim + dim + d] = z * z;
      }
    }
    HostArrays.write(featHost, feat);
    Nd4j.gemm(feat, coef, lg, false, false, 1.0, 0.0);
    double[] comp = logitHost = HostArrays.read(lg, logitHost);
    boolean grads = rowScales != null;
    double scaleSum = 0;
    double[] per = perExample == null ? null : new double[n];
    double total = 0;
    for (int b = 0; b < n; b++) {
      int row = b * dim;
      int at = b * kCount;
      double logQ = 0;
      for (int d = 0; d < dim; d++) logQ -= 0.5 * (LOG_2PI + logVar[row + d] + eps[row + d] * eps[row + d]);
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < kCount; k++) {
        comp[at + k] += constant[k];
        max = Math.max(max, comp[at + k]);
      }
      double sum = 0;
      for (int k = 0; k < kCount; k++) {
        comp[at + k] = Math.exp(comp[at + k] - max);  // one exp per component: the log-sum-exp's, reused below
        sum += comp[at + k];
      }
      double logP = max + Math.log(sum);
      total += logQ - logP;
      if (per != null) per[b] = logQ - logP;
      if (!grads) continue;
      scaleSum += rowScales[b];
      double toResponsibility = rowScales[b] / sum;
      for (int k = 0; k < kCount; k++) comp[at + k] *= toResponsibility;  // scaled responsibilities
    }
    if (per != null) HostArrays.write(per, perExample);
    if (grads) {
      HostArrays.write(comp, lg);
      INDArray df = rows(dFeatures, n);
      Nd4j.gemm(lg, coef, df, false, true, 1.0, 0.0);
      Nd4j.gemm(lg, feat, sums, true, false, 1.0, 0.0);
      dFeatHost = HostArrays.read(df, dFeatHost);
      gradientsOfZ(s, rowScales, n, dFeatHost);
      gradientsOfComponents(HostArrays.read(sums, sumsHost), comp, n, scaleSum);
    }
    return total;
  }

  /** d log p / dz = −Σ_k r_k (z − m_k) / v_k = −(Σ_k r_k m_k / v_k) − 2 z (−½ Σ_k r_k / v_k), into s.dZ(). */
  private void gradientsOfZ(PosteriorSample s, double[] rowScales, int n, double[] df) {
    int dim = latentDim;
    dZ = HostArrays.read(s.dZ(), dZ);
    dLogVar = HostArrays.read(s.dLogVar(), dLogVar);
    for (int b = 0; b < n; b++) {
      for (int d = 0; d < dim; d++) {
        int f = b * dim + d;
        dZ[f] -= df[b * 2 * dim + d] + 2 * zs[f] * df[b * 2 * dim + dim + d];
        dLogVar[f] -= 0.5 * rowScales[b];
      }
    }
    HostArrays.write(dZ, s.dZ());
    HostArrays.write(dLogVar, s.dLogVar());
  }

  /** d log p / d(m, s, log w) summed over the batch, from the (scaled) responsibilities and their sums Σ r z, Σ r z². */
  private void gradientsOfComponents(double[] rz, double[] resp, int n, double scaleSum) {
    int dim = latentDim;
    for (int k = 0; k < components; k++) {
      double r = 0;
      for (int b = 0; b < n; b++) r += resp[b * components + k];
      dLogPdLogWeights[k] = r - scaleSum * Math.exp(logWeights[k]);
      for (int d = 0; d < dim; d++) {
        int kd = k * dim + d;
        double s1 = rz[k * 2 * dim + d];
        double s2 = rz[k * 2 * dim + dim + d];
        double mean = means[kd];
        double iv = invVar[kd];
        dLogPdMeans[kd] = iv * (s1 - mean * r);
        dLogPdLogVars[kd] = 0.5 * (iv * (s2 - 2 * mean * s1 + mean * mean * r) - r);
      }
    }
  }

  /** The row buffers, for at least {@code n} rows (grown, never shrunk: the same arrays serve every batch). */
  private void planRows(int n) {
    if (features != null && features.size(0) >= n) return;
    features = Nd4j.create(DataType.DOUBLE, n, 2L * latentDim);
    logits = Nd4j.create(DataType.DOUBLE, n, components);
    dFeatures = Nd4j.create(DataType.DOUBLE, n, 2L * latentDim);
    featHost = new double[n * 2 * latentDim];
  }

  private static INDArray rows(INDArray a, int n) {
    return a.size(0) == n ? a : a.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
  }

  static double logSumExp(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) max = Math.max(max, x);
    double sum = 0;
    for (double x : v) sum += Math.exp(x - max);
    return max + Math.log(sum);
  }
}
