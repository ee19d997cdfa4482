package org.vaelab.experiments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.config.RecordMaps;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.DeterministicEncoder;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.Objective;
import org.vaelab.api.engine.PosteriorFlow;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.LikelihoodProvider;
import org.vaelab.api.spi.ObjectiveProvider;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.api.spi.PosteriorProvider;
import org.vaelab.api.spi.PriorProvider;
import org.vaelab.api.testkit.Fixtures;

/** Flow posteriors through the whole model: its gradients, IWAE k = 1 against the ELBO, what does not fit. */
class PosteriorFlowModelTest {
  private static final int B = 4;
  private static final int D = 6;
  private static final int LATENT = 3;
  private static final PluginRegistry REGISTRY = PluginRegistry.load();

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> T built(PluginKind kind, String id, Map<String, Object> values, Class<?> spi, Object... args) {
    var p = (org.vaelab.api.spi.PluginProvider) REGISTRY.get(kind, id, (Class) spi);
    Record c = RecordMaps.fromMap(p.configType(), values, (Record) p.defaultConfig(), kind.key);
    return switch (kind) {
      case PRIOR -> (T) ((PriorProvider) p).build(c, LATENT);
      case POSTERIOR -> (T) ((PosteriorProvider) p).build(c, LATENT);
      case LIKELIHOOD -> (T) ((LikelihoodProvider) p).build(c, D);
      case OBJECTIVE -> (T) ((ObjectiveProvider) p).build(c);
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  private static PosteriorFlow flow(String family) {
    Map<String, Object> c = switch (family) {
      case "iaf" -> Map.of("flows", 2, "hidden", 5);
      case "planar" -> Map.of("flows", 2);
      case "two-level" -> Map.of("topDim", 1, "hiddenDims", List.of(4));
      default -> Map.of();
    };
    return built(PluginKind.POSTERIOR, family, c, PosteriorProvider.class);
  }

  private static VaeModel model(Kernels k, String prior, String family, String objective, int samples) {
    Supplier<Encoder> encoder = () ->
        new GaussianPosteriorEncoder(Sequential.mlp(D, List.of(), 5, Activation.TANH, Activation.TANH), LATENT);
    VaeModel m = new VaeModel(encoder.get(), Sequential.mlp(LATENT, List.of(4), D, Activation.TANH, Activation.IDENTITY),
        built(PluginKind.PRIOR, prior.startsWith("hierarchical") ? "hierarchical" : prior, prior.startsWith("hierarchical")
            ? Map.of("topDim", 1, "hiddenDims", List.of(4), "top", prior.endsWith("vamp") ? "vamp" : "standard-normal",
                "components", 3) : Map.of(), PriorProvider.class),
        built(PluginKind.LIKELIHOOD, "bernoulli", Map.of(), LikelihoodProvider.class), flow(family), k, B, encoder);
    m.parameters().initialise(3);
    m.parameters().values().addi(Fixtures.normal(k, 7, m.parameters().size()).reshape(m.parameters().values().shape())
        .muli(0.2));
    if (objective != null) {
      Objective o = built(PluginKind.OBJECTIVE, objective, Map.of("samples", samples), ObjectiveProvider.class);
      m.useObjective(o, objective, 1000);
    }
    return m;
  }

  private static double loss(VaeModel m, INDArray x) {
    return m.step(x, 0.8, Nd4j.getRandomFactory().getNewRandomInstance(11)).loss() / B;
  }

  private static void assertGradientMatchesFiniteDifferences(VaeModel m, INDArray x, String what) {
    loss(m, x);
    INDArray analytic = m.parameters().grads().dup();
    INDArray values = m.parameters().values();
    double h = 1e-6;
    for (int i = 0; i < values.length(); i++) {
      double v = values.getDouble(i);
      values.putScalar(i, v + h);
      double up = loss(m, x);
      values.putScalar(i, v - h);
      double down = loss(m, x);
      values.putScalar(i, v);
      double numeric = (up - down) / (2 * h);
      assertEquals(numeric, analytic.getDouble(i), 1e-6 * Math.max(1, Math.abs(numeric)),
          what + ", parameter " + i + " of " + m.parameters().names());
    }
  }

  @Test
  void theElboGradientWithAFlowMatchesFiniteDifferences() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.uniform(k, 4, 0, 1, B, D);
    for (String family : List.of("planar", "iaf")) {
      for (String prior : List.of("standard-normal", "vamp")) {
        assertGradientMatchesFiniteDifferences(model(k, prior, family, null, 1), x, family + " with " + prior);
      }
    }
  }

  @Test
  void theIwaeGradientWithAFlowMatchesFiniteDifferences() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.uniform(k, 4, 0, 1, B, D);
    for (String family : List.of("planar", "iaf")) {
      assertGradientMatchesFiniteDifferences(model(k, "standard-normal", family, "iwae", 3), x, family + " iwae");
    }
  }

  @Test
  void theTwoLevelModelsGradientsMatchFiniteDifferences() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.uniform(k, 4, 0, 1, B, D);
    for (String prior : List.of("hierarchical", "hierarchical-vamp")) {
      assertGradientMatchesFiniteDifferences(model(k, prior, "two-level", null, 1), x, "two-level elbo with " + prior);
      assertGradientMatchesFiniteDifferences(model(k, prior, "two-level", "iwae", 3), x, "two-level iwae with " + prior);
    }
  }

  @Test
  void iwaeWithOneSampleIsTheElboWithAFlow() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.uniform(k, 4, 0, 1, B, D);
    for (String family : List.of("planar", "iaf")) {
      VaeModel iwae = model(k, "standard-normal", family, "iwae", 1);
      VaeModel elbo = model(k, "standard-normal", family, null, 1);
      VaeModel.Terms a = iwae.step(x, 1.0, Nd4j.getRandomFactory().getNewRandomInstance(5));
      VaeModel.Terms b = elbo.step(x, 1.0, Nd4j.getRandomFactory().getNewRandomInstance(5));
      assertEquals(b.loss(), a.loss(), 1e-9, family);
      assertEquals(0, iwae.parameters().grads().sub(elbo.parameters().grads()).amaxNumber().doubleValue(), 1e-9, family);
    }
  }

  @Test
  void theGaussianFamilyKeepsTheAnalyticKl() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.uniform(k, 4, 0, 1, B, D);
    VaeModel m = model(k, "standard-normal", "gaussian", null, 1);
    double[] kl = new double[2];
    for (int s = 0; s < 2; s++) kl[s] = m.evaluate(x, Nd4j.getRandomFactory().getNewRandomInstance(s), null, null).kl();
    assertEquals(kl[0], kl[1], 1e-12, "the analytic KL does not depend on the noise");
    assertTrue(kl[0] >= 0);
  }

  @Test
  void whatDoesNotFitIsRefusedNamingTheField() {
    Kernels k = Fixtures.doubleKernels();
    var onAutoencoder = assertThrows(ConfigException.class, () -> new VaeModel(
        new DeterministicEncoder(Sequential.mlp(D, List.of(), LATENT, Activation.TANH, Activation.TANH), LATENT),
        Sequential.mlp(LATENT, List.of(), D, Activation.TANH, Activation.IDENTITY),
        (Prior) built(PluginKind.PRIOR, "standard-normal", Map.of(), PriorProvider.class),
        (Likelihood) built(PluginKind.LIKELIHOOD, "bernoulli", Map.of(), LikelihoodProvider.class), flow("planar"), k, B,
        null));
    assertTrue(onAutoencoder.getMessage().startsWith("posterior.type: "), onAutoencoder.getMessage());
    var freeBits = assertThrows(ConfigException.class, () -> model(k, "standard-normal", "iaf", null, 1).setFreeBits(0.5, false));
    assertTrue(freeBits.getMessage().startsWith("training.freeBits: 0.5 "), freeBits.getMessage());
    VaeModel m = model(k, "standard-normal", "planar", null, 1);
    Objective tc = built(PluginKind.OBJECTIVE, "beta-tc", Map.of(), ObjectiveProvider.class);
    var batchTerm = assertThrows(ConfigException.class, () -> m.useObjective(tc, "beta-tc", 1000));
    assertTrue(batchTerm.getMessage().startsWith("objective.type: beta-tc"), batchTerm.getMessage());
    var layers = assertThrows(ConfigException.class, () -> model(k, "standard-normal", "two-level", null, 1));
    assertTrue(layers.getMessage().startsWith("prior.topDim: the prior's top layer has 0 dimensions, the posterior's 1"),
        layers.getMessage());
  }
}
