package org.vaelab.losses.likelihood;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.ParamSpec;

/**
 * N(x; mean, sigma²) with sigma learned, shared or one per value, bounded below:
 * sigma = minSigma + (sigma0 − minSigma)·exp(rho).
 */
final class LearnedSigmaGaussian implements Likelihood {
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private final long values;
  private final boolean perValue;
  private final double sigma0;
  private final double minSigma;
  private INDArray rho;
  private INDArray dRho;

  LearnedSigmaGaussian(long values, boolean perValue, double sigma0, double minSigma) {
    this.values = values;
    this.perValue = perValue;
    this.sigma0 = sigma0;
    this.minSigma = minSigma;
  }

  @Override public int paramsPerValue() { return 1; }

  @Override public void checkData(double min, double max) {}

  @Override
  public List<ParamSpec> params() {
    return List.of(new ParamSpec("rho", new long[] {1, perValue ? values : 1}, ParamSpec.Init.ZEROS, 1));
  }

  @Override
  public void bind(List<INDArray> v, List<INDArray> g) {
    rho = v.get(0);
    dRho = g.get(0);
  }

  @Override public void plan(int maxBatch, Kernels k) {}

  /** sigma as a row {@code [1, values]}. */
  private INDArray sigmaRow() {
    INDArray s = Transforms.exp(rho, true).muli(sigma0 - minSigma).addi(minSigma);
    return perValue ? s : s.broadcast(1, values).dup();
  }

  @Override
  public double logLikelihood(INDArray mean, INDArray x, INDArray dMean, double scale, INDArray perExample) {
    INDArray sigma = sigmaRow();
    INDArray invVar = Transforms.pow(sigma, -2, true);
    INDArray diff = x.sub(mean);
    INDArray sq = diff.mul(diff);
    // log N per row: -V/2 log 2pi - sum log sigma - sum diff² / (2 sigma²)
    INDArray rows = sq.mulRowVector(invVar).sum(1).muli(-0.5)
        .subi(Transforms.log(sigma, true).sumNumber().doubleValue() + values * HALF_LOG_2PI);
    if (perExample != null) perExample.assign(rows.reshape(perExample.shape()));
    if (dMean != null) dMean.assign(diff.mulRowVector(invVar).muli(scale));
    if (scale != 0) {
      // d/dsigma = -1/sigma + diff²/sigma³ per value; dsigma/drho = sigma - minSigma
      INDArray perValueGrad = sq.sum(0).reshape(1, values).mul(invVar).divi(sigma)
          .subi(Transforms.pow(sigma, -1, true).muli(x.size(0)));
      INDArray dRhoRow = perValueGrad.muli(sigma.sub(minSigma)).muli(scale);
      if (perValue) dRho.addi(dRhoRow); else dRho.addi(dRhoRow.sumNumber().doubleValue());
    }
    return rows.sumNumber().doubleValue();
  }

  @Override public void mean(INDArray params, INDArray out) { out.assign(params); }
}
