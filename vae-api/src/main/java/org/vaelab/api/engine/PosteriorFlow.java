package org.vaelab.api.engine;

/**
 * A posterior family built on the encoder's Gaussian: z0 = mean + exp(logVar/2)·eps is pushed
 * through an invertible map z = f(z0), so log q(z|x) = log N(z0; mean, exp(logVar)) − log|det ∂f/∂z0|.
 * The plain Gaussian is the flow of {@link #steps()} 0. The flow's parameters are shared by all
 * data points (the amortised part is the base Gaussian); a per-datapoint fit optimises the base
 * Gaussian with the flow held fixed.
 *
 * <p>Arrays are row-major host arrays of rows·{@link #latentDim()} values. A plugin may assume that
 * {@link #backward} follows the {@link #forward} of the same rows, that rows ≤ the {@code maxRows}
 * of {@link #plan}, and that the parameter views bound through {@link #bind} do not move.
 */
public interface PosteriorFlow extends Parameterised {
  int latentDim();

  /** Transformations in the flow; 0 for the plain Gaussian (the model then keeps its analytic KL). */
  int steps();

  /** Sizes the flow's caches for up to {@code maxRows} rows a pass; networks inside it run on {@code kernels}. */
  void plan(int maxRows, Kernels kernels);

  /**
   * In a two-level model, the size of the top layer z2 (the last dimensions of z; the flow then
   * draws z1 given z2); 0 for one stochastic layer. It must equal the prior's.
   */
  default int topLatentDim() {
    return 0;
  }

  /** Writes z = f(z0) into {@code z} and log|det ∂z/∂z0| of each row into {@code logDet}. */
  void forward(double[] z0, int rows, double[] z, double[] logDet);

  /**
   * After {@link #forward}: given ∂loss/∂z in {@code dz}, where the loss also has
   * {@code logDetWeight[r]}·logDet[r] for each row, writes ∂loss/∂z0 into {@code dz0} and ADDS the
   * gradients of the flow's parameters to their bound gradient views.
   */
  void backward(double[] dz, double[] logDetWeight, int rows, double[] dz0);

  /** The plain Gaussian posterior: no flow, no parameters. */
  static PosteriorFlow none(int latentDim) {
    return new PosteriorFlow() {
      @Override public int latentDim() { return latentDim; }

      @Override public int steps() { return 0; }

      @Override public void plan(int maxRows, Kernels kernels) {}

      @Override public java.util.List<ParamSpec> params() { return java.util.List.of(); }

      @Override public void bind(java.util.List<org.nd4j.linalg.api.ndarray.INDArray> v,
          java.util.List<org.nd4j.linalg.api.ndarray.INDArray> g) {}

      @Override
      public void forward(double[] z0, int rows, double[] z, double[] logDet) {
        System.arraycopy(z0, 0, z, 0, rows * latentDim);
        java.util.Arrays.fill(logDet, 0, rows, 0.0);
      }

      @Override
      public void backward(double[] dz, double[] logDetWeight, int rows, double[] dz0) {
        System.arraycopy(dz, 0, dz0, 0, rows * latentDim);
      }
    };
  }
}
