package org.vaelab.experiments.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.data.Binarization;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.spi.DatasetProvider;

/** The {@code "ring"} dataset of the VAE tutorials: a 2-D Gaussian pushed onto a ring. */
public final class RingProvider implements DatasetProvider<RingConfig> {
  @Override public String id() { return "ring"; }

  @Override public String description() { return "synthetic 2-D ring, x = z/10 + z/|z| with z ~ N(0, I)"; }

  @Override public Class<RingConfig> configType() { return RingConfig.class; }

  @Override public RingConfig defaultConfig() { return new RingConfig(2000, 500, 0.0, 0); }

  @Override
  public Dataset load(RingConfig c) {
    java.util.Random rng = new java.util.Random(c.seed());
    return new Dataset("ring", "ring(seed=" + c.seed() + ", noise=" + c.noise() + ")", points(c.trainSize(), c.noise(), rng),
        null, points(c.testSize(), c.noise(), rng), null, null, Binarization.NONE);
  }

  private static INDArray points(int n, double noise, java.util.Random rng) {
    float[] xs = new float[2 * n];
    for (int i = 0; i < n; i++) {
      double z1 = rng.nextGaussian();
      double z2 = rng.nextGaussian();
      double r = Math.max(Math.hypot(z1, z2), 1e-12);
      xs[2 * i] = (float) (z1 / 10 + z1 / r + noise * rng.nextGaussian());
      xs[2 * i + 1] = (float) (z2 / 10 + z2 / r + noise * rng.nextGaussian());
    }
    return Nd4j.create(xs, new long[] {n, 2}, 'c');
  }
}
