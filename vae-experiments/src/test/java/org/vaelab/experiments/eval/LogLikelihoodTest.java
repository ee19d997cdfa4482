package org.vaelab.experiments.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Dense;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.LikelihoodProvider;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.api.spi.PriorProvider;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.experiments.train.VaeModel;
import org.vaelab.losses.estimate.ImportanceWeights;

/** The importance-sampled log-likelihood against known answers. */
class LogLikelihoodTest {
  private static final double SIGMA = 0.5;
  private static final double[][] W = {{1, 0}, {0, 2}};
  private static final double[] B = {0.5, -0.3};

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static VaeModel linearGaussian(Kernels k, String priorId) {
    PluginRegistry r = PluginRegistry.load();
    PriorProvider pp = r.get(PluginKind.PRIOR, priorId, PriorProvider.class);
    LikelihoodProvider lp = r.get(PluginKind.LIKELIHOOD, "gaussian", LikelihoodProvider.class);
    Prior prior = (Prior) pp.build(pp.defaultConfig(), 2);
    Likelihood lik = (Likelihood) lp.build(GaussianConfigs.gaussian(lp, SIGMA), 2);
    VaeModel m = new VaeModel(new GaussianPosteriorEncoder(Sequential.mlp(2, List.of(), 4, Activation.TANH, Activation.TANH), 2),
        new Dense(2, 2, Activation.IDENTITY), prior, lik, k, 4);
    m.parameters().initialise(5);
    List<INDArray> views = m.parameters().valueViews();
    views.get(6).assign(Nd4j.createFromArray(W));
    views.get(7).assign(Nd4j.createFromArray(B));
    return m;
  }

  /** x = z·W + b + σε with z ~ N(0, I): x ~ N(b, WᵀW + σ²I), diagonal here. */
  private static double exactLogP(INDArray x, int row) {
    double lp = 0;
    for (int d = 0; d < 2; d++) {
      double var = W[d][d] * W[d][d] + SIGMA * SIGMA;
      double diff = x.getDouble(row, d) - B[d];
      lp += -0.5 * (Math.log(2 * Math.PI * var) + diff * diff / var);
    }
    return lp;
  }

  @Test
  void withManySamplesItMatchesTheExactLogLikelihoodOfALinearGaussianModel() {
    Kernels k = Fixtures.doubleKernels();
    VaeModel model = linearGaussian(k, "standard-normal");
    INDArray x = Fixtures.normal(k, 3, 4, 2).muli(1.5);
    double exact = 0;
    for (int i = 0; i < 4; i++) exact += exactLogP(x, i) / 4;
    ImportanceWeights.Summary is = LogLikelihood.estimate(model, x, 5000, 11);
    ImportanceWeights.Summary elbo = LogLikelihood.estimate(model, x, 1, 11);
    assertEquals(exact, is.mean(), 0.03, "k = 5000 against the exact log p(x)");
    assertTrue(elbo.mean() < is.mean() - 0.1, "the bound rises with k: L_1 " + elbo.mean() + " < L_5000 " + is.mean());
  }

  @Test
  void oneSampleIsTheSingleSampleElbo() {
    Kernels k = Fixtures.doubleKernels();
    VaeModel model = linearGaussian(k, "mixture");
    INDArray x = Fixtures.normal(k, 3, 4, 2);
    double[] lw = new double[4];
    model.logWeights(x, Nd4j.getRandomFactory().getNewRandomInstance(8), lw);
    INDArray recon = k.create(4);
    INDArray kl = k.create(4);
    model.evaluate(x, Nd4j.getRandomFactory().getNewRandomInstance(8), recon, kl);
    assertArrayEquals(recon.sub(kl).toDoubleVector(), lw, 1e-9);
  }
}
