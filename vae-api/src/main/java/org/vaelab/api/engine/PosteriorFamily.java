package org.vaelab.api.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What q(z|x) an encoder's output defines. The model reads it instead of asking the encoder
 * capability questions: whether there is a density to importance-sample and to weigh samples with,
 * what the KL term is, and how prior samples are drawn.
 */
public sealed interface PosteriorFamily {
  /** Whether q(z|x) has a density (log p(x) by importance sampling, the gaps, multi-sample objectives). */
  boolean hasDensity();

  /** The family's name in messages and tags. */
  String describe();

  /** N(mean, diag exp(logVar)); a posterior flow ({@code posterior.type}) may reshape it. */
  record Gaussian() implements PosteriorFamily {
    @Override public boolean hasDensity() { return true; }

    @Override public String describe() { return "gaussian"; }
  }

  /** z = the encoder's mean, no noise and no KL term: a plain autoencoder, not a VAE. */
  record PointMass() implements PosteriorFamily {
    @Override public boolean hasDensity() { return false; }

    @Override public String describe() { return "a point mass (deterministic)"; }
  }

  /**
   * One of {@code codes} codebook vectors in each of {@code slots} slots, chosen deterministically,
   * so q is one-hot and the KL against a prior over codes is −log p(codes) ({@link CodePrior}).
   */
  record Categorical(int slots, int codes, CodeBook book) implements PosteriorFamily {
    @Override public boolean hasDensity() { return false; }

    @Override public String describe() { return "categorical over " + codes + " codes in " + slots + " slots"; }
  }

  /** The codebook behind a {@link Categorical} posterior. */
  interface CodeBook {
    /** The code of each slot for each row of the encoder's last forward, {@code [rows][slots]}, a copy. */
    int[][] lastCodes();

    /** Writes the codebook vectors of {@code codes} ({@code [n][slots]}) into {@code z} ({@code [n, latentDim]}). */
    void embed(int[][] codes, INDArray z);
  }

  PosteriorFamily GAUSSIAN = new Gaussian();
  PosteriorFamily POINT_MASS = new PointMass();
}
