package org.vaelab.losses.likelihood;

/**
 * Config of the {@code "gaussian"} likelihood N(x; mean, sigma²), the decoder giving the mean.
 *
 * @param sigma    the standard deviation (fixed), or its starting value (learned); > minSigma
 *                 when learned, > 0 always. Data are modelled as they are: centre and scale them in
 *                 the dataset.
 * @param learn    {@code none} (fixed sigma), {@code shared} (one learned sigma) or
 *                 {@code per-value} (one learned sigma per pixel or column)
 * @param minSigma lower bound of a learned sigma; >= 0. A learned sigma is
 *                 minSigma + (sigma − minSigma)·exp(rho), rho learned from 0.
 */
public record GaussianConfig(double sigma, String learn, double minSigma) {
  public GaussianConfig {
    if (!(sigma > 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException("sigma must be > 0, was " + sigma);
    if (!java.util.List.of("none", "shared", "per-value").contains(learn)) {
      throw new IllegalArgumentException("learn: unknown value '" + learn + "'; allowed: none, shared, per-value");
    }
    if (!(minSigma >= 0)) throw new IllegalArgumentException("minSigma must be >= 0, was " + minSigma);
    if (!learn.equals("none") && !(sigma > minSigma)) {
      throw new IllegalArgumentException("sigma must be > minSigma=" + minSigma + " when learned, was " + sigma);
    }
  }
}
