package org.vaelab.api.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma &amp; Ba 2015) over a {@link ParameterStore}; its moments are flat arrays too and
 * are flushed of subnormal values every {@value #FLUSH_EVERY} steps (they otherwise decay into
 * float subnormals after a few hundred steps and slow every kernel down).
 */
public final class Adam {
  static final int FLUSH_EVERY = 50;
  private final Kernels kernels;
  private final ParameterStore store;
  private final INDArray m;
  private final INDArray v;
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private long step;
  private java.util.List<INDArray> normalisedTensors = java.util.List.of();
  private long[] tensorEnds;
  private double[] divisors;

  public Adam(Kernels kernels, ParameterStore store, double lr, double beta1, double beta2, double epsilon) {
    this.kernels = kernels;
    this.store = store;
    this.m = kernels.create(store.size());
    this.v = kernels.create(store.size());
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /**
   * Divides each parameter tensor's gradient by its L2 norm (+1e-7) before every update: the
   * "AdamNormGrad" of the VampPrior and Exemplar-VAE code (Tomczak &amp; Welling 2018).
   */
  public void normaliseGradientsPerTensor() {
    normalisedTensors = store.gradViews();
    tensorEnds = new long[normalisedTensors.size()];
    long end = 0;
    for (int t = 0; t < tensorEnds.length; t++) tensorEnds[t] = end += normalisedTensors.get(t).length();
    if (tensorEnds.length > 0 && end != store.size()) throw new IllegalStateException("the tensors cover " + end + " of " + store.size() + " values");
    divisors = new double[tensorEnds.length];
  }

  /**
   * Under per-tensor normalisation, an array for each tensor's sum of squares of the gradient (in
   * {@link ParameterStore#gradViews} order) that a caller who reads the gradient anyway can fill and
   * hand to {@link #step(double[])}; null otherwise.
   */
  public double[] tensorSquares() {
    return divisors == null ? null : new double[divisors.length];
  }

  /** Applies the gradients currently in the store. */
  public void step() {
    step(null);
  }

  /**
   * Applies the gradients currently in the store and returns Σ grad² as the update read them
   * (non-finite when a gradient is): the check of the gradient in the same pass as the update.
   * Without per-tensor normalisation only. Since API 2.3.
   */
  public double stepReadingSquares() {
    if (!normalisedTensors.isEmpty()) throw new IllegalStateException("per-tensor normalisation reads the squares first");
    step++;
    double squares = kernels.adamReadingSquares(store.values(), store.grads(), m, v, lr, beta1, beta2, epsilon, step);
    flushDenormalsPeriodically();
    return squares;
  }

  /**
   * Applies the gradients currently in the store; {@code squares}, when not null, holds each
   * tensor's sum of squares of them (see {@link #tensorSquares}), saving a pass. Since API 2.3.
   */
  public void step(double[] squares) {
    step++;
    if (normalisedTensors.isEmpty()) {
      kernels.adam(store.values(), store.grads(), m, v, lr, beta1, beta2, epsilon, step);
    } else {
      for (int t = 0; t < divisors.length; t++) {
        divisors[t] = Math.sqrt(squares != null ? squares[t] : kernels.sumOfSquares(normalisedTensors.get(t))) + 1e-7;
      }
      kernels.adam(store.values(), store.grads(), m, v, lr, beta1, beta2, epsilon, step, tensorEnds, divisors);
    }
    flushDenormalsPeriodically();
  }

  private void flushDenormalsPeriodically() {
    if (step % FLUSH_EVERY == 0) {
      kernels.flushDenormals(m);
      kernels.flushDenormals(v);
    }
  }

  public long stepCount() { return step; }

  public INDArray firstMoment() { return m; }

  public INDArray secondMoment() { return v; }

  /** Restores optimiser state from a checkpoint. */
  public void restore(INDArray firstMoment, INDArray secondMoment, long stepCount) {
    m.assign(firstMoment);
    v.assign(secondMoment);
    step = stepCount;
  }
}
