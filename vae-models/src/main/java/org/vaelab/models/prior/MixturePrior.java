package org.vaelab.models.prior;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.PosteriorSample;
import org.vaelab.api.engine.Prior;

/**
 * p(z) = Σ_k w_k N(z; m_k, diag exp(s_k)), w = softmax(a), all learned. The KL is the one-sample
 * Monte-Carlo estimate log q(z|x) − log p(z) at the reparameterised z, differentiated along the
 * path (d log q / d mean = 0, d log q / d logVar = −1/2 with eps fixed).
 */
final class MixturePrior implements Prior {
  static final double LOG_2PI = Math.log(2 * Math.PI);

  private final int latentDim;
  private final int components;
  private INDArray means;
  private INDArray logVars;
  private INDArray logits;
  private INDArray dMeans;
  private INDArray dLogVars;
  private INDArray dLogits;

  MixturePrior(int latentDim, int components) {
    this.latentDim = latentDim;
    this.components = components;
  }

  @Override public int latentDim() { return latentDim; }

  @Override
  public List<ParamSpec> params() {
    long[] kd = {components, latentDim};
    // means spread over U(-1, 1) so that the components can separate; unit variances; equal weights
    return List.of(new ParamSpec("means", kd, ParamSpec.Init.FAN_IN_UNIFORM, 1),
        new ParamSpec("logVars", kd, ParamSpec.Init.ZEROS, 1),
        new ParamSpec("logits", new long[] {1, components}, ParamSpec.Init.ZEROS, 1));
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    means = values.get(0);
    logVars = values.get(1);
    logits = values.get(2);
    dMeans = grads.get(0);
    dLogVars = grads.get(1);
    dLogits = grads.get(2);
  }

  @Override public void plan(int maxBatch, Kernels kernels) {}

  @Override public boolean analyticKl() { return false; }

  @Override
  public double kl(PosteriorSample s, double scale, INDArray perExample) {
    double[][] m = means.toDoubleMatrix();
    double[][] lv = logVars.toDoubleMatrix();
    double[] logW = logWeights();
    double[][] invVar = new double[components][latentDim];
    double[] constant = new double[components];
    for (int k = 0; k < components; k++) {
      constant[k] = logW[k];
      for (int d = 0; d < latentDim; d++) {
        invVar[k][d] = Math.exp(-lv[k][d]);
        constant[k] -= 0.5 * (LOG_2PI + lv[k][d]);
      }
    }
    double[][] gm = new double[components][latentDim];
    double[][] gs = new double[components][latentDim];
    double[] ga = new double[components];
    double[] comp = new double[components];
    double[] dLogP = new double[latentDim];
    double total = 0;
    int n = (int) s.z().size(0);
    for (int b = 0; b < n; b++) {
      double logQ = 0;
      for (int d = 0; d < latentDim; d++) {
        double e = s.eps().getDouble(b, d);
        logQ -= 0.5 * (LOG_2PI + s.logVar().getDouble(b, d) + e * e);
      }
      double[] z = s.z().getRow(b).toDoubleVector();
      for (int k = 0; k < components; k++) {
        double q = 0;
        for (int d = 0; d < latentDim; d++) q += (z[d] - m[k][d]) * (z[d] - m[k][d]) * invVar[k][d];
        comp[k] = constant[k] - 0.5 * q;
      }
      double logP = logSumExp(comp);
      double kl = logQ - logP;
      total += kl;
      if (perExample != null) perExample.putScalar(b, kl);
      if (scale == 0) continue;
      java.util.Arrays.fill(dLogP, 0);
      for (int k = 0; k < components; k++) {
        double r = Math.exp(comp[k] - logP);
        ga[k] += r - Math.exp(logW[k]);
        for (int d = 0; d < latentDim; d++) {
          double diffOverVar = (z[d] - m[k][d]) * invVar[k][d];
          dLogP[d] -= r * diffOverVar;
          gm[k][d] += r * diffOverVar;
          gs[k][d] += r * 0.5 * (diffOverVar * (z[d] - m[k][d]) - 1);
        }
      }
      for (int d = 0; d < latentDim; d++) {
        s.dZ().putScalar(b, d, s.dZ().getDouble(b, d) - scale * dLogP[d]);
        s.dLogVar().putScalar(b, d, s.dLogVar().getDouble(b, d) - 0.5 * scale);
      }
    }
    if (scale != 0) {
      for (int k = 0; k < components; k++) {
        dLogits.putScalar(0, k, dLogits.getDouble(0, k) - scale * ga[k]);
        for (int d = 0; d < latentDim; d++) {
          dMeans.putScalar(k, d, dMeans.getDouble(k, d) - scale * gm[k][d]);
          dLogVars.putScalar(k, d, dLogVars.getDouble(k, d) - scale * gs[k][d]);
        }
      }
    }
    return total;
  }

  @Override
  public void sample(INDArray z, Random rng) {
    double[] logW = logWeights();
    for (int b = 0; b < z.size(0); b++) {
      double u = rng.nextDouble();
      int k = 0;
      for (double acc = Math.exp(logW[0]); k < components - 1 && u > acc; acc += Math.exp(logW[++k])) {
        // walk the cumulative weights
      }
      for (int d = 0; d < latentDim; d++) {
        z.putScalar(b, d, means.getDouble(k, d) + Math.exp(0.5 * logVars.getDouble(k, d)) * rng.nextGaussian());
      }
    }
  }

  /** log softmax of the logits. */
  private double[] logWeights() {
    double[] a = logits.toDoubleVector();
    double lse = logSumExp(a);
    for (int k = 0; k < a.length; k++) a[k] -= lse;
    return a;
  }

  static double logSumExp(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) max = Math.max(max, x);
    double sum = 0;
    for (double x : v) sum += Math.exp(x - max);
    return max + Math.log(sum);
  }
}
