package org.vaelab.api.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/** A prior p(z) and its KL term against the Gaussian posterior. */
public interface Prior extends Parameterised {
  int latentDim();

  void plan(int maxBatch, Kernels kernels);

  /**
   * Returns KL(q(z|x) || p(z)) summed over the batch (analytic, or a one-sample Monte-Carlo
   * estimate at {@code s.z()}), and ADDS {@code scale} times its gradient to {@code s.dMean()},
   * {@code s.dLogVar()} and/or {@code s.dZ()}. Per-row values go to {@code perExample} if not null.
   */
  double kl(PosteriorSample s, double scale, INDArray perExample);

  /**
   * Writes KL(q || p) per latent dimension, summed over the batch, into {@code perDim}
   * ({@code [latentDim]}) and returns true, for priors whose KL splits over dimensions; others
   * return false (free bits per dimension then needs another prior).
   */
  default boolean klPerDimension(INDArray mean, INDArray logVar, INDArray perDim) {
    return false;
  }

  /**
   * Called with true before an evaluation during which the parameters stay fixed and their gradients
   * are not wanted, and with false after it (since API 2.2). Meanwhile a prior may cache what depends on
   * its parameters alone and skip their gradients; gradients w.r.t. the sample are still required.
   */
  default void freeze(boolean frozen) {}

  /**
   * Whether the prior is defined through the encoder (the VampPrior). If so, {@link #attachEncoder}
   * is called before {@link #params()}.
   */
  default boolean needsEncoder() {
    return false;
  }

  /**
   * Gives the prior an encoder that shares the model encoder's parameters but has its own buffers,
   * not yet planned: the prior plans it for its own batch size.
   */
  default void attachEncoder(Encoder twin) {}

  /**
   * The one-sample KL log q(z|x) − log p(z) of each row at {@code s.z()} (never the analytic one),
   * into {@code perExample} if not null; unless {@code rowScales} is null ADDS {@code rowScales[r]}
   * times row r's gradient to {@code s.dLogVar()} and {@code s.dZ()} (and to the prior's own
   * parameter gradients). Returns the sum. Multi-sample objectives (IWAE) need it; the default
   * serves Monte-Carlo-KL priors when every row has the same scale, and refuses otherwise.
   */
  default double sampledKl(PosteriorSample s, double[] rowScales, INDArray perExample) {
    double scale = rowScales == null || rowScales.length == 0 ? 0 : rowScales[0];
    if (rowScales != null) {
      for (double r : rowScales) {
        if (r != scale) throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot weigh its KL per sample");
      }
    }
    if (analyticKl()) throw new UnsupportedOperationException(getClass().getSimpleName() + " has no sampled KL");
    return kl(s, scale, perExample);
  }

  /** Whether {@link #kl} is exact (true) or a Monte-Carlo estimate (false). */
  boolean analyticKl();

  /**
   * Writes log p(z) of each row of {@code z} into {@code out} ({@code [n]}), for importance
   * sampling. The default serves Monte-Carlo-KL priors: their KL at mean z, logVar 0 and eps 0 is
   * log N(z; z, I) − log p(z) = −(D/2)·log 2π − log p(z). A prior with an analytic KL overrides it.
   */
  default void logDensity(INDArray z, INDArray out) {
    if (analyticKl()) {
      String name = getClass().getSimpleName().isEmpty() ? getClass().getName() : getClass().getSimpleName();
      throw new UnsupportedOperationException("prior " + name + " has an analytic KL and no log-density");
    }
    INDArray zeros = z.like();
    kl(new PosteriorSample(z, zeros, zeros, z, z.like(), z.like(), z.like()), 0.0, out);
    out.negi().subi(0.5 * latentDim() * Math.log(2 * Math.PI));
  }

  /**
   * In a two-level model p(z1|z2)·p(z2), the size of the top layer z2 (the last dimensions of z); 0
   * for one stochastic layer. It must equal the posterior family's.
   */
  default int topLatentDim() {
    return 0;
  }

  /** Fills {@code z} ({@code [n, latentDim]}) with draws from the prior. */
  void sample(INDArray z, Random rng);
}
