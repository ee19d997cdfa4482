package org.vaelab.experiments.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.Kernels;
import org.vaelab.experiments.backend.VectorKernels;
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

  /** The two-level model: its exact log p(x) by quadrature over the 2-D (z1, z2), against IS through q(z2|x) q(z1|x, z2). */
  @Test
  void theTwoLevelPosteriorAsTheProposalConvergesToTheLogLikelihoodByQuadrature() {
    Kernels k = Fixtures.doubleKernels();
    VaeModel model = LinearGaussian.model(k, "hierarchical", java.util.Map.of("topDim", 1, "hiddenDims", java.util.List.of(3)),
        "two-level", java.util.Map.of("topDim", 1, "hiddenDims", java.util.List.of(3)), 1000);
    INDArray x = Fixtures.normal(k, 3, 2, 2).muli(1.5);
    // a few hundred ELBO steps on the two points, so that the proposal is a fair one (an untrained one needs k >> 10^5)
    org.vaelab.api.engine.Adam adam = new org.vaelab.api.engine.Adam(k, model.parameters(), 0.01, 0.9, 0.999, 1e-8);
    org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(2);
    for (int i = 0; i < 400; i++) {
      model.step(x, 1.0, rng);
      adam.step();
    }
    double step = 0.02;
    int side = 700;  // z in [-7, 7]^2
    double exact = 0;
    for (int row = 0; row < 2; row++) {
      INDArray xs = k.create(500, 2);
      for (int i = 0; i < 500; i++) xs.putRow(i, x.getRow(row));
      INDArray z = k.create(500, 2);
      double[] lj = new double[500];
      double max = Double.NEGATIVE_INFINITY;
      double[] all = new double[side * side];
      for (int from = 0; from < all.length; from += 500) {
        for (int i = 0; i < 500; i++) {
          int g = from + i;
          z.putScalar(i, 0, -7 + step * (g / side + 0.5));
          z.putScalar(i, 1, -7 + step * (g % side + 0.5));
        }
        model.logJoint(xs, z, lj);
        System.arraycopy(lj, 0, all, from, 500);
      }
      for (double v : all) max = Math.max(max, v);
      double sum = 0;
      for (double v : all) sum += Math.exp(v - max);
      exact += (max + Math.log(sum) + 2 * Math.log(step)) / 2;
    }
    // measured: k = 10^5 gives -2.02165 against the quadrature's -2.02166; k = 5000 is within 0.004
    assertEquals(exact, LogLikelihood.estimate(model, x, 5000, 11).mean(), 0.02, "k = 5000 against quadrature");
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

  /** Several samples a call (the workers' replicas hold 128 copies of a 4-row batch) draw the noise in the same order. */
  @Test
  void samplesInOneCallGiveTheAnswerOfOneSampleACall() {
    Kernels k = new VectorKernels();
    VaeModel single = LinearGaussian.model(k, "standard-normal");  // no replica builder: one sample a call
    VaeModel tiled = LinearGaussian.model(k, "standard-normal");
    tiled.replicatedBy((w, rows) -> LinearGaussian.model(w, "standard-normal", java.util.Map.of(), "gaussian",
        java.util.Map.of(), rows));
    INDArray x = Fixtures.normal(k, 4, 10, 2);
    for (int samples : new int[] {40, 300}) {  // 300: two calls of 128 copies and one of 44
      double one = LogLikelihood.estimate(single, x, samples, 6, 1).mean();
      double many = LogLikelihood.estimate(tiled, x, samples, 6, 1).mean();
      assertEquals(one, many, 1e-4 * Math.abs(one), "k = " + samples);
    }
    assertTrue(Math.abs(LogLikelihood.estimate(single, x, 40, 7, 1).mean() - LogLikelihood.estimate(single, x, 40, 6, 1).mean())
        > 1e-3, "another seed's noise moves the estimate: the agreement above is not a coincidence of the tolerance");
  }

  @Test
  void workersGiveTheSameAnswerAsOneThread() {
    Kernels k = new VectorKernels();
    VaeModel model = replicable(k);
    // replicas must copy these parameters, not rebuild the initial ones
    model.parameters().values().muli(0.9);
    INDArray x = Fixtures.normal(k, 4, 30, 2);  // 8 batches of at most 4 rows
    ImportanceWeights.Summary one = LogLikelihood.estimate(model, x, 40, 6, 1);
    ImportanceWeights.Summary three = LogLikelihood.estimate(model, x, 40, 6, 3);
    assertEquals(one.mean(), three.mean(), 0.0);
    assertEquals(one.standardError(), three.standardError(), 0.0);
    assertEquals(one.mean(), LogLikelihood.estimate(model, x, 40, 6, 3).mean(), 0.0, "and again");
  }

  /** The linear-Gaussian model with a replica builder, so that evaluation workers can copy it. */
  private static VaeModel replicable(Kernels k) {
    VaeModel model = LinearGaussian.model(k, "standard-normal");
    model.replicatedBy((w, rows) -> LinearGaussian.model(w, "standard-normal", java.util.Map.of(), "gaussian",
        java.util.Map.of(), rows));
    return model;
  }

  /** The workers' replicas are kept from one evaluation to the next, and take the parameters as they are at each. */
  @Test
  void keptReplicasFollowTheParametersFromOneEvaluationToTheNext() {
    Kernels k = new VectorKernels();
    VaeModel model = replicable(k);
    INDArray x = Fixtures.normal(k, 4, 30, 2);
    double first = LogLikelihood.estimate(model, x, 40, 6, 3).mean();
    java.util.List<VaeModel> kept = model.evaluationReplicas(k.workers(3), 4);
    k.endWorkers();
    assertTrue(kept == model.evaluationReplicas(k.workers(3), 4), "the same replicas for the same rows and count");
    k.endWorkers();
    model.parameters().values().muli(0.9);  // as a training epoch between two periodic evaluations would
    double second = LogLikelihood.estimate(model, x, 40, 6, 3).mean();
    assertEquals(LogLikelihood.estimate(model, x, 40, 6, 1).mean(), second, 0.0, "kept replicas against the model itself");
    assertTrue(Math.abs(second - first) > 1e-3, "the parameters' change moves the estimate");
  }
}
