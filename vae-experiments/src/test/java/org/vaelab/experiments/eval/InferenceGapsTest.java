package org.vaelab.experiments.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.experiments.model.VaeModel;
import org.vaelab.losses.estimate.ImportanceWeights.Summary;

/** Amortisation and approximation gaps on a linear-Gaussian model, whose posterior is exact and in the family. */
class InferenceGapsTest {
  private static final PosteriorFit.Settings FIT = new PosteriorFit.Settings(0.02, 20000, 100, 5, 2, 1);

  @Test
  void perDatapointOptimisationReachesTheExactPosteriorUpToAdamNoise() {
    Kernels k = Fixtures.doubleKernels();
    VaeModel model = LinearGaussian.model(k, "standard-normal");
    INDArray x = Fixtures.normal(k, 3, 4, 2).muli(1.5);
    INDArray mu = k.create(4, 2);
    INDArray lv = k.create(4, 2);
    model.encode(x, mu, lv);
    PosteriorFit.fit(model, x, mu, lv, FIT, Nd4j.getRandomFactory().getNewRandomInstance(2));
    for (int i = 0; i < 4; i++) {
      for (int d = 0; d < 2; d++) {
        double[] exact = LinearGaussian.exactPosterior(x, i, d);
        double v = Math.exp(lv.getDouble(i, d));
        double vExact = Math.exp(exact[1]);
        double diff = mu.getDouble(i, d) - exact[0];
        double kl = 0.5 * (v / vExact + diff * diff / vExact - 1 + exact[1] - lv.getDouble(i, d));
        assertTrue(kl < 0.01, "KL(q* || exact posterior) of row " + i + " dim " + d + " is " + kl);
      }
    }
  }

  @Test
  void aPoorEncoderHasAPositiveAmortisationGapAndTheFamilyNoApproximationGap() {
    Kernels k = Fixtures.doubleKernels();
    VaeModel model = LinearGaussian.model(k, "standard-normal");
    INDArray x = Fixtures.normal(k, 4, 8, 2).muli(1.5);
    InferenceGaps g = InferenceGaps.estimate(model, x, FIT, 500, 500, 9);
    Summary amortisation = g.amortisationSummary();
    Summary approximation = g.approximationSummary();
    assertTrue(amortisation.mean() > 0.2 && amortisation.mean() > 5 * amortisation.standardError(),
        "an untrained encoder loses against per-datapoint inference: " + amortisation);
    for (double gap : g.amortisation()) assertTrue(gap > -0.05, "per point, L[q*] >= L[q] up to noise: " + gap);
    // zero up to the Monte-Carlo error of L[q*] (500 samples): within three standard errors
    assertEquals(0, approximation.mean(), Math.max(0.02, 3 * approximation.standardError()),
        "the exact posterior is in the family: " + approximation);
    for (int i = 0; i < 8; i++) {
      assertEquals(LinearGaussian.exactLogP(x, i), g.logPx()[i], 0.02, "log p̂(x) with q* as proposal, row " + i);
    }
    assertEquals(g.inferenceSummary().mean(), amortisation.mean() + approximation.mean(), 1e-9);
  }

  /** Each batch draws from its own seed: one worker or two, the same gaps to the bit. */
  @Test
  void theGapsDoNotDependOnTheWorkerCount() {
    Kernels k = new org.vaelab.experiments.backend.VectorKernels();
    VaeModel model = LinearGaussian.model(k, "standard-normal");
    model.replicatedBy((w, rows) -> LinearGaussian.model(w, "standard-normal", java.util.Map.of(), "gaussian",
        java.util.Map.of(), rows));
    INDArray x = Fixtures.normal(k, 4, 10, 2).muli(1.5);  // three batches of up to 4 rows
    PosteriorFit.Settings fit = new PosteriorFit.Settings(0.02, 300, 100, 5, 2, 1);
    InferenceGaps one = InferenceGaps.estimate(model, x, fit, 20, 20, 9, 1, EvalProgress.silent());
    InferenceGaps two = InferenceGaps.estimate(model, x, fit, 20, 20, 9, 2, EvalProgress.silent());
    org.junit.jupiter.api.Assertions.assertArrayEquals(one.elboQStar(), two.elboQStar());
    org.junit.jupiter.api.Assertions.assertArrayEquals(one.logPx(), two.logPx());
    org.junit.jupiter.api.Assertions.assertArrayEquals(one.elboQ(), two.elboQ());
    assertTrue(one.amortisationSummary().mean() > 0, "an untrained encoder has a gap: " + one.amortisationSummary());
  }
}
