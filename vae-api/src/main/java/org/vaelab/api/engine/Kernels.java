package org.vaelab.api.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every numeric operation of a training step, so that a backend (ND4J ops, fused CPU kernels,
 * CUDA) can be swapped without touching layers. All arrays are row-major; "scale" arguments
 * multiply the gradient that is written, so a caller passes d(loss)/d(term).
 */
public interface Kernels {
  /** Backend id, e.g. {@code "nd4j"}. */
  String name();

  DataType dataType();

  /** A new zero array of this backend's data type (not for use inside a step). */
  INDArray create(long... shape);

  /** {@code c = alpha * op(a) * op(b) + beta * c}. */
  void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta);

  /**
   * {@code pre += bias} (row-broadcast; none when bias is null), then {@code out = act(pre)}; for
   * IDENTITY out may be pre.
   */
  void biasActivation(INDArray pre, INDArray bias, Activation act, INDArray out);

  /**
   * {@code dPre = dOut * act'(pre)} (using {@code out = act(pre)} where cheaper), and
   * {@code dBias += column sums of dPre} unless dBias is null. For IDENTITY dPre may be dOut.
   */
  void activationBackward(INDArray dOut, INDArray pre, INDArray out, Activation act, INDArray dPre, INDArray dBias);

  /**
   * Bernoulli log-likelihood with logits: returns {@code sum log p(x|logits)} over the batch,
   * writes {@code dLogits = scale * d(sum)/d(logits)}, and per-row sums into {@code perExample}
   * when it is not null. With {@code scale} 0 {@code dLogits} may be left unwritten.
   */
  double bernoulliLogLikelihood(INDArray logits, INDArray x, INDArray dLogits, double scale, INDArray perExample);

  /** Gaussian log-likelihood with fixed sigma; as {@link #bernoulliLogLikelihood}. */
  double gaussianLogLikelihood(INDArray mean, INDArray x, double sigma, INDArray dMean, double scale, INDArray perExample);

  /**
   * KL(N(mu, exp(logVar)) || N(0, I)) summed over the batch; ADDS {@code scale * dKL} to
   * {@code dMu} and {@code dLogVar}; per-row sums into {@code perExample} when not null.
   */
  double standardNormalKl(INDArray mu, INDArray logVar, INDArray dMu, INDArray dLogVar, double scale, INDArray perExample);

  /** {@code z = mu + exp(logVar / 2) * eps}. */
  void reparameterize(INDArray mu, INDArray logVar, INDArray eps, INDArray z);

  /** ADDS {@code dz} to {@code dMu} and {@code dz * eps * exp(logVar / 2) / 2} to {@code dLogVar}. */
  void reparameterizeBackward(INDArray dz, INDArray logVar, INDArray eps, INDArray dMu, INDArray dLogVar);

  /** {@code out = sigmoid(in)}. */
  void sigmoid(INDArray in, INDArray out);

  /** A gated unit's output: {@code g = sigmoid(gatePre)}, {@code out = value ⊙ g}. */
  default void gate(INDArray value, INDArray gatePre, INDArray g, INDArray out) {
    sigmoid(gatePre, g);
    out.assign(value).muli(g);
  }

  /** Its gradients: {@code dValue = dOut ⊙ g}, {@code dGatePre = dOut ⊙ value ⊙ g ⊙ (1 − g)}. */
  default void gateBackward(INDArray dOut, INDArray value, INDArray g, INDArray dValue, INDArray dGatePre) {
    dValue.assign(dOut).muli(g);
    dGatePre.assign(g).rsubi(1.0).muli(g).muli(value).muli(dOut);
  }

  /** Fills {@code out} with standard normal draws from {@code rng}. */
  void normal(INDArray out, Random rng);

  /** Σ a², the squared L2 norm of all elements (non-finite when any element is). */
  double sumOfSquares(INDArray a);

  /** One bias-corrected Adam update (Kingma &amp; Ba 2015) of {@code params}; {@code step} counts from 1. */
  void adam(INDArray params, INDArray grads, INDArray m, INDArray v, double lr, double beta1, double beta2,
      double epsilon, long step);

  /**
   * {@link #adam} that also returns Σ grads² as the update read them (non-finite when a gradient
   * is), for a caller that would otherwise read the gradient again to check it. Since API 2.3; the
   * default sums first.
   */
  default double adamReadingSquares(INDArray params, INDArray grads, INDArray m, INDArray v, double lr, double beta1,
      double beta2, double epsilon, long step) {
    double squares = sumOfSquares(grads);
    adam(params, grads, m, v, lr, beta1, beta2, epsilon, step);
    return squares;
  }

  /**
   * {@link #adam} on gradients divided per tensor: the flat elements [ends[t−1], ends[t]) by
   * {@code divisors[t]} (AdamNormGrad's norms); {@code grads} may be left divided. Since API 2.2; the
   * default divides in place and calls {@link #adam}, a backend may fold the division into its update.
   */
  default void adam(INDArray params, INDArray grads, INDArray m, INDArray v, double lr, double beta1, double beta2,
      double epsilon, long step, long[] ends, double[] divisors) {
    INDArray flat = grads.reshape(grads.length());
    long from = 0;
    for (int t = 0; t < ends.length; t++) {
      flat.get(NDArrayIndex.interval(from, ends[t])).divi(divisors[t]);
      from = ends[t];
    }
    adam(params, grads, m, v, lr, beta1, beta2, epsilon, step);
  }

  /** Sets every |a_i| below 1e-30 to zero, so that moment estimates never become subnormal floats. */
  void flushDenormals(INDArray a);

  /**
   * {@code out = conv(in, w) + b} (or the transposed convolution when {@code g.transposed()}), on
   * flat NCHW rows: {@code in [n, g.inputSize()]}, {@code out [n, g.outputSize()]}.
   */
  void convolution(INDArray in, INDArray w, INDArray b, INDArray out, ConvGeometry g);

  /**
   * {@code out = act(conv(in, w) + b)}: {@link #convolution} with its activation, which a backend may
   * apply as it writes {@code out} (since API 2.3; the default applies it in place afterwards).
   */
  default void convolution(INDArray in, INDArray w, INDArray b, INDArray out, ConvGeometry g, Activation act) {
    convolution(in, w, b, out, g);
    if (act != Activation.IDENTITY) biasActivation(out, null, act, out);
  }

  /**
   * Gradients of {@link #convolution}: OVERWRITES {@code dW} and {@code dB}, and {@code dIn} when
   * not null, from {@code dOut}. When {@code in} is the array the last forward pass with these
   * weights took, its values must not have changed since: a backend may reuse what that pass
   * computed from them.
   */
  void convolutionBackward(INDArray in, INDArray w, INDArray b, INDArray dOut, INDArray dIn, INDArray dW, INDArray dB,
      ConvGeometry g);

  /**
   * {@link #convolutionBackward} through the activation {@link #convolution} applied: {@code dOut} is
   * the gradient at {@code out}, the activation's output, which also stands for its input (ReLU's
   * out > 0 where its input is); {@code dPre} is a buffer of {@code dOut}'s shape for the gradient
   * before the activation. Since API 2.4; the default fills {@code dPre} first, a backend may apply
   * ReLU's mask as the convolution reads {@code dOut}.
   */
  default void convolutionBackward(INDArray in, INDArray w, INDArray b, INDArray out, INDArray dOut, INDArray dPre,
      Activation act, INDArray dIn, INDArray dW, INDArray dB, ConvGeometry g) {
    INDArray d = dOut;
    if (act != Activation.IDENTITY) {
      activationBackward(dOut, out, out, act, dPre, null);
      d = dPre;
    }
    convolutionBackward(in, w, b, d, dIn, dW, dB, g);
  }

  /**
   * Begins a data-parallel section: up to {@code max} fresh backends, one per worker thread, sharing
   * no scratch state; while the section lasts each runs its products on its own thread. Empty when
   * this backend runs on one thread only (the caller then loops on its own). End it with
   * {@link #endWorkers}.
   */
  default java.util.List<Kernels> workers(int max) { return java.util.List.of(); }

  /** Ends the section {@link #workers} began (restores the products' thread count). */
  default void endWorkers() {}

  /**
   * Called when a layer with convolutions is planned, before the model's first step, so that a
   * backend can arrange its threads for them (cpu-vector then runs every product on one thread and
   * convolutions on two batch halves at once).
   */
  default void planConvolutions() {}
}
