package org.vaelab.losses.likelihood;

/**
 * Config of the {@code "gaussian"} likelihood with a fixed standard deviation.
 *
 * @param sigma standard deviation of every value; > 0 (data are modelled as they are: centre and
 *              scale them in the dataset)
 */
public record GaussianConfig(double sigma) {
  public GaussianConfig {
    if (!(sigma > 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException("sigma must be > 0, was " + sigma);
  }
}
