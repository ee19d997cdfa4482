package org.vaelab.models.vq;

import java.util.List;
import org.vaelab.api.config.LayerSizes;
import org.vaelab.api.engine.Activation;

/**
 * Config of the {@code "vq"} encoder (VQ-VAE, van den Oord et al. 2017).
 *
 * @param backbone   {@code mlp} or {@code cnn}
 * @param hiddenDims dense widths (after the convolutions for cnn); each > 0, non-empty for mlp
 * @param channels   convolution channels (cnn only); each > 0
 * @param kernel     convolution kernel (cnn); > 0
 * @param stride     convolution stride (cnn); > 0
 * @param padding    convolution padding (cnn); >= 0
 * @param activation activation of the backbone
 * @param slots      code vectors per example M; > 0 (the decoder sees slots·codeDim values)
 * @param codeDim    dimension D of a code vector; > 0
 * @param codes      codebook size K; >= 2
 * @param commitment weight β of the commitment loss; >= 0
 * @param ema        update the codebook by exponential moving averages instead of its gradient
 * @param decay      EMA decay γ; in (0, 1)
 * @param resetEvery steps between resets of codes unused since the last reset; 0 for never
 */
public record VqEncoderConfig(String backbone, List<Integer> hiddenDims, List<Integer> channels, int kernel, int stride,
    int padding, Activation activation, int slots, int codeDim, int codes, double commitment, boolean ema,
    double decay, int resetEvery) {
  public VqEncoderConfig {
    hiddenDims = List.copyOf(hiddenDims);
    channels = List.copyOf(channels);
    if (!List.of("mlp", "cnn").contains(backbone)) {
      throw new IllegalArgumentException("backbone: unknown value '" + backbone + "'; allowed: mlp, cnn");
    }
    LayerSizes.positive("hiddenDims", hiddenDims);
    if (backbone.equals("mlp") && hiddenDims.isEmpty()) {
      throw new IllegalArgumentException("hiddenDims must not be empty with backbone mlp");
    }
    if (backbone.equals("cnn") && channels.isEmpty()) {
      throw new IllegalArgumentException("channels must not be empty with backbone cnn");
    }
    for (int c : channels) if (c <= 0) throw new IllegalArgumentException("channels must all be > 0, was " + channels);
    if (kernel <= 0 || stride <= 0 || padding < 0) {
      throw new IllegalArgumentException("kernel and stride must be > 0, padding >= 0, was " + kernel + "/" + stride + "/" + padding);
    }
    if (slots <= 0) throw new IllegalArgumentException("slots must be > 0, was " + slots);
    if (codeDim <= 0) throw new IllegalArgumentException("codeDim must be > 0, was " + codeDim);
    if (codes < 2) throw new IllegalArgumentException("codes must be >= 2, was " + codes);
    if (!(commitment >= 0)) throw new IllegalArgumentException("commitment must be >= 0, was " + commitment);
    if (!(decay > 0 && decay < 1)) throw new IllegalArgumentException("decay must be in (0, 1), was " + decay);
    if (resetEvery < 0) throw new IllegalArgumentException("resetEvery must be >= 0, was " + resetEvery);
  }
}
