package org.vaelab.experiments.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.experiments.train.VaeModel;
import org.vaelab.losses.estimate.ImportanceWeights;

/** The importance-sampled log-likelihood against known answers. */
class LogLikelihoodTest {
  @Test
  void withManySamplesItMatchesTheExactLogLikelihoodOfALinearGaussianModel() {
    Kernels k = Fixtures.doubleKernels();
    VaeModel model = LinearGaussian.model(k, "standard-normal");
    INDArray x = Fixtures.normal(k, 3, 4, 2).muli(1.5);
    double exact = 0;
    for (int i = 0; i < 4; i++) exact += LinearGaussian.exactLogP(x, i) / 4;
    ImportanceWeights.Summary is = LogLikelihood.estimate(model, x, 5000, 11);
    ImportanceWeights.Summary elbo = LogLikelihood.estimate(model, x, 1, 11);
    assertEquals(exact, is.mean(), 0.03, "k = 5000 against the exact log p(x)");
    assertTrue(elbo.mean() < is.mean() - 0.1, "the bound rises with k: L_1 " + elbo.mean() + " < L_5000 " + is.mean());
  }

  @Test
  void oneSampleIsTheSingleSampleElbo() {
    Kernels k = Fixtures.doubleKernels();
    VaeModel model = LinearGaussian.model(k, "mixture");
    INDArray x = Fixtures.normal(k, 3, 4, 2);
    double[] lw = new double[4];
    model.logWeights(x, Nd4j.getRandomFactory().getNewRandomInstance(8), lw);
    INDArray recon = k.create(4);
    INDArray kl = k.create(4);
    model.evaluate(x, Nd4j.getRandomFactory().getNewRandomInstance(8), recon, kl);
    assertArrayEquals(recon.sub(kl).toDoubleVector(), lw, 1e-9);
  }
}
