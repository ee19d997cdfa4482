package org.vaelab.api.data;

/** How [0, 1] intensities become binary data (explicit, since it changes reported likelihoods). */
public enum Binarization {
  /** Keep the real values (Bernoulli likelihood on [0, 1] intensities). */
  NONE,
  /** Sample x ~ Bernoulli(intensity) afresh each epoch; the test set once, with a fixed seed. */
  DYNAMIC,
  /** x = intensity > 0.5. */
  THRESHOLD
}
