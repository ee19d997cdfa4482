package org.vaelab.api.spi;

/**
 * What a decoder is built for: it maps {@code latentDim} inputs to {@code paramsPerValue} likelihood
 * parameters for each value of an example of shape {@code data}.
 *
 * @param latentDim      size of z; > 0
 * @param data           the shape of one example
 * @param paramsPerValue likelihood parameters per value (1 for a Bernoulli's logit; 2 with a learned per-value sigma)
 */
public record DecoderShape(int latentDim, DataShape data, int paramsPerValue) {
  public DecoderShape {
    if (latentDim < 1) throw new IllegalArgumentException("latentDim must be > 0, was " + latentDim);
    if (paramsPerValue < 1) throw new IllegalArgumentException("paramsPerValue must be > 0, was " + paramsPerValue);
  }

  /** The decoder's output width: values × parameters per value. */
  public long outputSize() {
    return data.values() * paramsPerValue;
  }
}
