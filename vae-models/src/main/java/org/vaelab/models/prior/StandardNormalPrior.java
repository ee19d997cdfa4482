package org.vaelab.models.prior;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.api.rng.Random;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.PosteriorSample;
import org.vaelab.api.engine.Prior;

/** N(0, I) with the closed-form KL of a diagonal Gaussian posterior. */
final class StandardNormalPrior implements Prior {
  private final int latentDim;
  private Kernels kernels;
  private double[] zs;
  private double[] rows = new double[0];

  private double[] eps;
  private double[] logVar;
  private double[] dZ;
  private double[] dLogVar;

  StandardNormalPrior(int latentDim) {
    this.latentDim = latentDim;
  }

  @Override public int latentDim() { return latentDim; }

  @Override public List<ParamSpec> params() { return List.of(); }

  @Override public void bind(List<INDArray> values, List<INDArray> grads) {}

  @Override public void plan(int maxBatch, Kernels k) { kernels = k; }

  @Override
  public double kl(PosteriorSample s, double scale, INDArray perExample) {
    return kernels.standardNormalKl(s.mean(), s.logVar(), s.dMean(), s.dLogVar(), scale, perExample);
  }

  @Override public boolean analyticKl() { return true; }

  /** log q − log p = −½ Σ (lv + eps² − z²): d/dz = z, d/dlv = −½ (eps fixed), no d/dmean. */
  @Override
  public double sampledKl(PosteriorSample s, double[] rowScales, INDArray perExample) {
    int n = (int) s.z().size(0);
    zs = HostArrays.read(s.z(), zs);
    eps = HostArrays.read(s.eps(), eps);
    logVar = HostArrays.read(s.logVar(), logVar);
    if (rows.length < n) rows = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = i * latentDim; j < (i + 1) * latentDim; j++) sum += logVar[j] + eps[j] * eps[j] - zs[j] * zs[j];
      rows[i] = -0.5 * sum;
      total += rows[i];
    }
    if (perExample != null) HostArrays.write(rows, perExample);
    if (rowScales != null) {
      double[] dz = dZ = HostArrays.read(s.dZ(), dZ);
      double[] dlv = dLogVar = HostArrays.read(s.dLogVar(), dLogVar);
      for (int i = 0; i < n; i++) {
        for (int j = i * latentDim; j < (i + 1) * latentDim; j++) {
          dz[j] += rowScales[i] * zs[j];
          dlv[j] -= 0.5 * rowScales[i];
        }
      }
      HostArrays.write(dz, s.dZ());
      HostArrays.write(dlv, s.dLogVar());
    }
    return total;
  }

  @Override
  public void logDensity(INDArray z, INDArray out) {
    int n = (int) z.size(0);
    zs = HostArrays.read(z, zs);
    if (rows.length < n) rows = new double[n];
    double logTwoPi = latentDim * Math.log(2 * Math.PI);
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = i * latentDim; j < (i + 1) * latentDim; j++) sum += zs[j] * zs[j];
      rows[i] = -0.5 * (sum + logTwoPi);
    }
    HostArrays.write(rows, out);
  }

  @Override
  public boolean klPerDimension(INDArray mean, INDArray logVar, INDArray perDim) {
    INDArray d = mean.mul(mean).addi(Transforms.exp(logVar, true)).subi(logVar).subi(1.0).muli(0.5);
    perDim.assign(d.sum(0));
    return true;
  }

  @Override public void sample(INDArray z, Random rng) { kernels.normal(z, rng); }
}
