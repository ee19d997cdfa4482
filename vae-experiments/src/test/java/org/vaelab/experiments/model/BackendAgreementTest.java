package org.vaelab.experiments.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.config.RecordMaps;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Adam;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Layer;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.Nd4jKernels;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.engine.Sequential;
import org.vaelab.experiments.backend.VectorKernels;
import org.vaelab.api.spi.DecoderProvider;
import org.vaelab.api.spi.EncoderProvider;
import org.vaelab.api.spi.LikelihoodProvider;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.api.spi.PriorProvider;

/** The cpu-vector backend trains like the nd4j reference: same seed, same loss trajectory to float tolerance. */
class BackendAgreementTest {
  private static final int STEPS = 300;
  private static final int BATCH = 32;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static double[] trajectory(Kernels k, INDArray data) {
    PluginRegistry r = PluginRegistry.load();
    PriorProvider pp = r.get(PluginKind.PRIOR, "standard-normal", PriorProvider.class);
    LikelihoodProvider lp = r.get(PluginKind.LIKELIHOOD, "bernoulli", LikelihoodProvider.class);
    int d = (int) data.size(1);
    VaeModel model = new VaeModel(
        new GaussianPosteriorEncoder(Sequential.mlp(d, List.of(40), 24, Activation.RELU, Activation.TANH), 6),
        Sequential.mlp(6, List.of(40), d, Activation.ELU, Activation.IDENTITY),
        (Prior) pp.build(pp.defaultConfig(), 6), (Likelihood) lp.build(lp.defaultConfig(), d), k, BATCH);
    return losses(model, k, data, STEPS, 17, 5);
  }

  /** Trains {@code model} for {@code steps} Adam steps over {@code data} in order; the per-example loss of each. */
  private static double[] losses(VaeModel model, Kernels k, INDArray data, int steps, long initSeed, long noiseSeed) {
    model.parameters().initialise(initSeed);
    Adam adam = new Adam(k, model.parameters(), 3e-3, 0.9, 0.999, 1e-8);
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(noiseSeed);
    double[] losses = new double[steps];
    int n = (int) data.size(0);
    for (int s = 0; s < steps; s++) {
      int from = (s * BATCH) % n;
      int b = Math.min(BATCH, n - from);  // partial batches too
      VaeModel.Terms t = model.step(data.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()), 1.0, rng);
      adam.step();
      losses[s] = -(t.recon() - t.kl()) / b;
    }
    return losses;
  }

  /** A small CNN VAE on 8x8 images (two strided convolutions down, two transposed ones up) for {@code steps} steps. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static double[] cnnTrajectory(Kernels k, INDArray data, int steps) {
    PluginRegistry r = PluginRegistry.load();
    EncoderProvider ep = r.get(PluginKind.ENCODER, "cnn", EncoderProvider.class);
    DecoderProvider dp = r.get(PluginKind.DECODER, "cnn", DecoderProvider.class);
    PriorProvider pp = r.get(PluginKind.PRIOR, "standard-normal", PriorProvider.class);
    LikelihoodProvider lp = r.get(PluginKind.LIKELIHOOD, "bernoulli", LikelihoodProvider.class);
    Record enc = RecordMaps.fromMap(ep.configType(), Map.of("channels", List.of(4, 8), "hiddenDims", List.of(16),
        "latentDim", 4), (Record) ep.defaultConfig(), "encoder");
    Record dec = RecordMaps.fromMap(dp.configType(), Map.of("hiddenDims", List.of(16), "channels", List.of(8, 4)),
        (Record) dp.defaultConfig(), "decoder");
    org.vaelab.api.spi.DataShape image = org.vaelab.api.spi.DataShape.image(1, 8, 8);
    VaeModel model = new VaeModel((Encoder) ep.build(enc, image), (Layer) dp.build(dec, new org.vaelab.api.spi.DecoderShape(4, image, 1)),
        (Prior) pp.build(pp.defaultConfig(), 4), (Likelihood) lp.build(lp.defaultConfig(), 64), k, BATCH);
    return losses(model, k, data, steps, 23, 7);
  }

  /** Convolutions run on two batch halves at once in cpu-vector: the reference agrees, and a second run is bit-identical. */
  @Test
  void aCnnTrainsLikeTheReferenceAndTheSameTwice() {
    Nd4j.getRandom().setSeed(4);
    INDArray data = Nd4j.rand(DataType.FLOAT, 150, 64);
    int steps = 60;
    double[] reference = cnnTrajectory(new Nd4jKernels(DataType.FLOAT), data, steps);
    double[] vector = cnnTrajectory(new VectorKernels(), data, steps);
    for (int s = 0; s < steps; s++) {
      assertEquals(reference[s], vector[s], 1e-3 * Math.abs(reference[s]), "loss at step " + (s + 1));
    }
    assertArrayEquals(vector, cnnTrajectory(new VectorKernels(), data, steps), 0.0, "cpu-vector twice, bit for bit");
    // uniform noise: only the pixel means can be learnt, so the loss falls a little
    assertTrue(reference[steps - 1] < reference[0] - 0.1, "it learns: " + reference[0] + " -> " + reference[steps - 1]);
  }

  @Test
  void cpuVectorFollowsTheNd4jReferenceForThreeHundredSteps() {
    Nd4j.getRandom().setSeed(3);
    INDArray data = Nd4j.rand(DataType.FLOAT, 200, 50);
    double[] reference = trajectory(new Nd4jKernels(DataType.FLOAT), data);
    double[] vector = trajectory(new VectorKernels(), data);
    for (int s = 0; s < STEPS; s++) {
      assertEquals(reference[s], vector[s], 1e-3 * Math.abs(reference[s]), "loss at step " + (s + 1));
    }
    assertTrue(reference[STEPS - 1] < reference[0] - 0.3, "it learns: " + reference[0] + " -> " + reference[STEPS - 1]);
  }
}
