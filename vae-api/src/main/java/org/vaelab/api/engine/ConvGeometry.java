package org.vaelab.api.engine;

/**
 * Shape of a 2-D convolution or transposed convolution on NCHW images stored as flat rows
 * ({@code [batch, channels·height·width]}), square kernel, no dilation.
 *
 * @param inChannels  input channels
 * @param inHeight    input height
 * @param inWidth     input width
 * @param outChannels output channels
 * @param kernel      kernel size
 * @param stride      stride
 * @param padding     zero padding on each side
 * @param transposed  whether this is a transposed convolution (upsampling by {@code stride})
 */
public record ConvGeometry(int inChannels, int inHeight, int inWidth, int outChannels, int kernel, int stride,
    int padding, boolean transposed) {
  public ConvGeometry {
    if (inChannels <= 0 || outChannels <= 0 || inHeight <= 0 || inWidth <= 0) {
      throw new IllegalArgumentException("channels and sizes must be > 0: " + inChannels + "x" + inHeight + "x" + inWidth
          + " -> " + outChannels + " channels");
    }
    if (kernel <= 0 || stride <= 0 || padding < 0) {
      throw new IllegalArgumentException("kernel and stride must be > 0 and padding >= 0, was kernel=" + kernel
          + ", stride=" + stride + ", padding=" + padding);
    }
    if (outHeight(inHeight, kernel, stride, padding, transposed) <= 0
        || outHeight(inWidth, kernel, stride, padding, transposed) <= 0) {
      throw new IllegalArgumentException("a " + inHeight + "x" + inWidth + " input is too small for kernel " + kernel
          + ", stride " + stride + ", padding " + padding);
    }
  }

  private static int outHeight(int in, int k, int s, int p, boolean transposed) {
    return transposed ? s * (in - 1) + k - 2 * p : Math.floorDiv(in + 2 * p - k, s) + 1;
  }

  public int outHeight() { return outHeight(inHeight, kernel, stride, padding, transposed); }

  public int outWidth() { return outHeight(inWidth, kernel, stride, padding, transposed); }

  public long inputSize() { return (long) inChannels * inHeight * inWidth; }

  public long outputSize() { return (long) outChannels * outHeight() * outWidth(); }

  /** Shape of the weights: {@code [k, k, in, out]} for a convolution, {@code [k, k, out, in]} transposed (libnd4j's layouts). */
  public long[] weightShape() {
    return transposed ? new long[] {kernel, kernel, outChannels, inChannels}
        : new long[] {kernel, kernel, inChannels, outChannels};
  }

  /** libnd4j's integer arguments: kH, kW, sH, sW, pH, pW, dH, dW, same-mode off, NCHW, weight format 0. */
  public int[] opArguments() {
    return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 0, 0};
  }
}
