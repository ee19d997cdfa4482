package org.vaelab.experiments.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.VectorKernels;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.experiments.model.VaeModel;
import org.vaelab.losses.estimate.ImportanceWeights;

/** The importance-sampled log-likelihood against known answers. */
class LogLikelihoodTest {
  @Test
  void withManySamplesItMatchesTheExactLogLikelihoodOfALinearGaussianModel() {
    Kernels k = Fixtures.doubleKernels();
    VaeModel model = LinearGaussian.model(k, "standard-normal");
    INDArray x = Fixtures.normal(k, 3, 16, 2).muli(1.5);
    double exact = 0;
    for (int i = 0; i < 16; i++) exact += LinearGaussian.exactLogP(x, i) / 16;
    // with this poor proposal one row's k = 5000 estimate spreads by ~0.035 over seeds (measured); 16 rows average it
    ImportanceWeights.Summary is = LogLikelihood.estimate(model, x, 5000, 11);
    ImportanceWeights.Summary elbo = LogLikelihood.estimate(model, x, 1, 11);
    assertEquals(exact, is.mean(), 0.04, "k = 5000 against the exact log p(x)");
    assertTrue(elbo.mean() < is.mean() - 0.1, "the bound rises with k: L_1 " + elbo.mean() + " < L_5000 " + is.mean());
  }

  /** A planar and an IAF posterior as the proposal: log q includes the flow's log-determinant, or this misses. */
  @Test
  void aFlowPosteriorAsTheProposalConvergesToTheExactLogLikelihood() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.normal(k, 3, 16, 2).muli(1.5);
    double exact = 0;
    for (int i = 0; i < 16; i++) exact += LinearGaussian.exactLogP(x, i) / 16;
    for (String family : new String[] {"planar", "iaf"}) {
      java.util.Map<String, Object> c = family.equals("planar") ? java.util.Map.of("flows", 3) : java.util.Map.of("flows", 2, "hidden", 4);
      VaeModel model = LinearGaussian.model(k, "standard-normal", family, c);
      ImportanceWeights.Summary is = LogLikelihood.estimate(model, x, 2000, 11);
      assertEquals(exact, is.mean(), 0.05, family + ": k = 2000 against the exact log p(x)");
    }
  }

  @Test
  void withAFlowOneSampleIsTheSingleSampleElbo() {
    Kernels k = Fixtures.doubleKernels();
    for (String family : new String[] {"planar", "iaf"}) {
      VaeModel model = LinearGaussian.model(k, "mixture", family, java.util.Map.of());
      INDArray x = Fixtures.normal(k, 3, 4, 2);
      double[] lw = new double[4];
      model.logWeights(x, Nd4j.getRandomFactory().getNewRandomInstance(8), lw);
      INDArray recon = k.create(4);
      INDArray kl = k.create(4);
      model.evaluate(x, Nd4j.getRandomFactory().getNewRandomInstance(8), recon, kl);
      assertArrayEquals(recon.sub(kl).toDoubleVector(), lw, 1e-9, family);
    }
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

  @Test
  void workersGiveTheSameAnswerAsOneThread() {
    Kernels k = new VectorKernels();
    VaeModel model = LinearGaussian.model(k, "standard-normal");
    model.replicatedBy(w -> LinearGaussian.model(w, "standard-normal"));
    // replicas must copy these parameters, not rebuild the initial ones
    model.parameters().values().muli(0.9);
    INDArray x = Fixtures.normal(k, 4, 30, 2);  // 8 batches of at most 4 rows
    ImportanceWeights.Summary one = LogLikelihood.estimate(model, x, 40, 6, 1);
    ImportanceWeights.Summary three = LogLikelihood.estimate(model, x, 40, 6, 3);
    assertEquals(one.mean(), three.mean(), 0.0);
    assertEquals(one.standardError(), three.standardError(), 0.0);
    assertEquals(one.mean(), LogLikelihood.estimate(model, x, 40, 6, 3).mean(), 0.0, "and again");
  }
}
