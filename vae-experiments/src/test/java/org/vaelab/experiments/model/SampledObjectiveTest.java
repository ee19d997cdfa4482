package org.vaelab.experiments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.Objective;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.LikelihoodProvider;
import org.vaelab.api.spi.ObjectiveProvider;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.api.spi.PriorProvider;
import org.vaelab.api.testkit.Fixtures;

/** Multi-sample objectives through the model: IWAE's gradient, k = 1 equal to the ELBO, the k·B batch. */
class SampledObjectiveTest {
  private static final int B = 4;
  private static final int D = 6;
  private static final int LATENT = 2;
  private static final PluginRegistry REGISTRY = PluginRegistry.load();

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static VaeModel model(Kernels k, String prior, String objective, int samples) {
    PriorProvider pp = REGISTRY.get(PluginKind.PRIOR, prior, PriorProvider.class);
    LikelihoodProvider lp = REGISTRY.get(PluginKind.LIKELIHOOD, "bernoulli", LikelihoodProvider.class);
    java.util.function.Supplier<org.vaelab.api.engine.Encoder> encoder = () ->
        new GaussianPosteriorEncoder(Sequential.mlp(D, List.of(), 5, Activation.TANH, Activation.TANH), LATENT);
    VaeModel m = new VaeModel(encoder.get(), Sequential.mlp(LATENT, List.of(4), D, Activation.TANH, Activation.IDENTITY),
        (Prior) pp.build(pp.defaultConfig(), LATENT), (Likelihood) lp.build(lp.defaultConfig(), D), k, B, encoder);
    m.parameters().initialise(3);
    if (objective != null) m.useObjective(objective(objective, samples), objective, 1000);
    return m;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Objective objective(String id, int samples) {
    ObjectiveProvider p = REGISTRY.get(PluginKind.OBJECTIVE, id, ObjectiveProvider.class);
    java.util.Map<String, Object> values = id.equals("beta-tc") ? java.util.Map.of() : java.util.Map.of("samples", samples);
    return p.build(org.vaelab.api.config.RecordMaps.fromMap(p.configType(), values, (Record) p.defaultConfig(), "objective"));
  }

  private static double loss(VaeModel m, INDArray x, double beta) {
    return m.step(x, beta, Nd4j.getRandomFactory().getNewRandomInstance(11)).loss() / B;
  }

  /** Central differences of the step's loss against its gradient, every {@code stride}-th parameter. */
  private static void assertGradientMatchesFiniteDifferences(VaeModel m, INDArray x, double beta, int stride,
      String what) {
    loss(m, x, beta);
    INDArray analytic = m.parameters().grads().dup();
    INDArray values = m.parameters().values();
    double h = 1e-6;
    for (int i = 0; i < values.length(); i += stride) {
      double v = values.getDouble(i);
      values.putScalar(i, v + h);
      double up = loss(m, x, beta);
      values.putScalar(i, v - h);
      double down = loss(m, x, beta);
      values.putScalar(i, v);
      double numeric = (up - down) / (2 * h);
      assertEquals(numeric, analytic.getDouble(i), 1e-6 * Math.max(1, Math.abs(numeric)), what + ", parameter " + i);
    }
  }

  @Test
  void iwaeGradientMatchesFiniteDifferences() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.uniform(k, 4, 0, 1, B, D);
    for (String prior : List.of("standard-normal", "mixture", "vamp")) {
      assertGradientMatchesFiniteDifferences(model(k, prior, "iwae", 3), x, 0.8, 3, prior);
    }
  }

  @Test
  void betaTcGradientMatchesFiniteDifferences() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.uniform(k, 4, 0, 1, B, D);
    assertGradientMatchesFiniteDifferences(model(k, "standard-normal", "beta-tc", 1), x, 0.9, 2, "beta-tc");
  }

  @Test
  void iwaeWithOneSampleIsTheElbo() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.uniform(k, 4, 0, 1, B, D);
    VaeModel iwae = model(k, "mixture", "iwae", 1);
    VaeModel elbo = model(k, "mixture", null, 1);  // the single-sample path, Monte-Carlo KL for this prior
    VaeModel.Terms a = iwae.step(x, 1.0, Nd4j.getRandomFactory().getNewRandomInstance(5));
    VaeModel.Terms b = elbo.step(x, 1.0, Nd4j.getRandomFactory().getNewRandomInstance(5));
    assertEquals(b.loss(), a.loss(), 1e-9);
    assertEquals(b.recon(), a.recon(), 1e-9);
    assertEquals(0, iwae.parameters().grads().sub(elbo.parameters().grads()).amaxNumber().doubleValue(), 1e-9);
  }

  @Test
  void moreSamplesTightenTheBoundOnAverage() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.uniform(k, 4, 0, 1, B, D);
    double one = 0;
    double five = 0;
    for (int s = 0; s < 20; s++) {
      one += model(k, "standard-normal", "iwae", 1).step(x, 1.0, Nd4j.getRandomFactory().getNewRandomInstance(s)).loss();
      five += model(k, "standard-normal", "iwae", 5).step(x, 1.0, Nd4j.getRandomFactory().getNewRandomInstance(s)).loss();
    }
    assertTrue(five < one, "the IWAE loss with k = 5 (" + five / 20 + ") is below k = 1's (" + one / 20 + ")");
  }

  @Test
  void anObjectiveThatCannotFitIsRefusedNamingTheField() {
    Kernels k = Fixtures.doubleKernels();
    VaeModel m = model(k, "standard-normal", null, 1);
    m.setFreeBits(0.5, true);
    var e = assertThrows(ConfigException.class, () -> m.useObjective(objective("iwae", 5), "iwae", 1000));
    assertEquals("objective.type: iwae with 5 samples: training.freeBits applies to the one-sample elbo only", e.getMessage());
  }
}
