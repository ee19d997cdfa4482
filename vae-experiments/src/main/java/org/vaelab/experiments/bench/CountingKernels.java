package org.vaelab.experiments.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.ConvGeometry;
import org.vaelab.api.engine.Kernels;

/** A backend that counts the floating-point operations of its matrix products and convolutions. */
final class CountingKernels implements Kernels {
  private final Kernels k;
  private final Counts counts;

  /** Shared by a backend and its workers: times are summed over threads. */
  private static final class Counts {
    long flops;
    final java.util.Map<String, long[]> time = new java.util.TreeMap<>();
  }

  CountingKernels(Kernels k) { this(k, new Counts()); }

  private CountingKernels(Kernels k, Counts counts) {
    this.k = k;
    this.counts = counts;
  }

  /** Nanoseconds and calls per kernel since the last {@link #resetTimes}, summed over worker threads. */
  java.util.Map<String, long[]> times() {
    synchronized (counts) {
      return new java.util.TreeMap<>(counts.time);
    }
  }

  void resetTimes() {
    synchronized (counts) {
      counts.time.clear();
    }
  }

  private long t0() { return System.nanoTime(); }

  private void took(String op, long t0) {
    long dt = System.nanoTime() - t0;
    synchronized (counts) {
      long[] t = counts.time.computeIfAbsent(op, key -> new long[2]);
      t[0] += dt;
      t[1]++;
    }
  }

  private void count(long flops) {
    synchronized (counts) {
      counts.flops += flops;
    }
  }

  @Override
  public java.util.List<Kernels> workers(int max) {
    return k.workers(max).stream().map(w -> (Kernels) new CountingKernels(w, counts)).toList();
  }

  @Override public void endWorkers() { k.endWorkers(); }

  @Override public void planConvolutions() { k.planConvolutions(); }

  long flops() {
    synchronized (counts) {
      return counts.flops;
    }
  }

  @Override public String name() { return k.name(); }

  @Override public DataType dataType() { return k.dataType(); }

  @Override public INDArray create(long... shape) { return k.create(shape); }

  @Override
  public void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
    count(2L * c.size(0) * c.size(1) * (transA ? a.size(0) : a.size(1)));
    long t = t0();
    k.gemm(a, b, c, transA, transB, alpha, beta);
    took("gemm", t);
  }

  @Override public void biasActivation(INDArray pre, INDArray bias, Activation act, INDArray out) {
    long t = t0();
    k.biasActivation(pre, bias, act, out);
    took("biasActivation", t);
  }

  @Override
  public void activationBackward(INDArray dOut, INDArray pre, INDArray out, Activation act, INDArray dPre, INDArray dBias) {
    long t = t0();
    k.activationBackward(dOut, pre, out, act, dPre, dBias);
    took("activationBackward", t);
  }

  @Override
  public double bernoulliLogLikelihood(INDArray logits, INDArray x, INDArray dLogits, double scale, INDArray perExample) {
    long t = t0();
    var r = k.bernoulliLogLikelihood(logits, x, dLogits, scale, perExample);
    took("bernoulliLogLikelihood", t);
    return r;
  }

  @Override
  public double gaussianLogLikelihood(INDArray mean, INDArray x, double sigma, INDArray dMean, double scale,
      INDArray perExample) {
    long t = t0();
    var r = k.gaussianLogLikelihood(mean, x, sigma, dMean, scale, perExample);
    took("gaussianLogLikelihood", t);
    return r;
  }

  @Override
  public double standardNormalKl(INDArray mu, INDArray logVar, INDArray dMu, INDArray dLogVar, double scale,
      INDArray perExample) {
    long t = t0();
    var r = k.standardNormalKl(mu, logVar, dMu, dLogVar, scale, perExample);
    took("standardNormalKl", t);
    return r;
  }

  @Override public void reparameterize(INDArray mu, INDArray logVar, INDArray eps, INDArray z) {
    long t = t0();
    k.reparameterize(mu, logVar, eps, z);
    took("reparameterize", t);
  }

  @Override
  public void reparameterizeBackward(INDArray dz, INDArray logVar, INDArray eps, INDArray dMu, INDArray dLogVar) {
    long t = t0();
    k.reparameterizeBackward(dz, logVar, eps, dMu, dLogVar);
    took("reparameterizeBackward", t);
  }

  @Override public void sigmoid(INDArray in, INDArray out) {
    long t = t0();
    k.sigmoid(in, out);
    took("sigmoid", t);
  }

  @Override public void gate(INDArray value, INDArray gatePre, INDArray g, INDArray out) {
    long t = t0();
    k.gate(value, gatePre, g, out);
    took("gate", t);
  }

  @Override public void gateBackward(INDArray dOut, INDArray value, INDArray g, INDArray dValue, INDArray dGatePre) {
    long t = t0();
    k.gateBackward(dOut, value, g, dValue, dGatePre);
    took("gateBackward", t);
  }

  @Override public void normal(INDArray out, Random rng) {
    long t = t0();
    k.normal(out, rng);
    took("normal", t);
  }

  @Override
  public double sumOfSquares(INDArray a) {
    long t = t0();
    double s = k.sumOfSquares(a);
    took("sumOfSquares", t);
    return s;
  }

  @Override
  public void adam(INDArray params, INDArray grads, INDArray m, INDArray v, double lr, double beta1, double beta2,
      double epsilon, long step) {
    long t = t0();
    k.adam(params, grads, m, v, lr, beta1, beta2, epsilon, step);
    took("adam", t);
  }

  @Override
  public double adamReadingSquares(INDArray params, INDArray grads, INDArray m, INDArray v, double lr, double beta1,
      double beta2, double epsilon, long step) {
    long t = t0();
    double squares = k.adamReadingSquares(params, grads, m, v, lr, beta1, beta2, epsilon, step);
    took("adam", t);
    return squares;
  }

  @Override public void flushDenormals(INDArray a) {
    long t = t0();
    k.flushDenormals(a);
    took("flushDenormals", t);
  }

  @Override
  public void convolution(INDArray in, INDArray w, INDArray b, INDArray out, ConvGeometry g) {
    count(convFlops(in.size(0), g));
    long t = t0();
    k.convolution(in, w, b, out, g);
    took("convolution " + layer(g), t);
  }

  @Override
  public void convolution(INDArray in, INDArray w, INDArray b, INDArray out, ConvGeometry g, Activation act) {
    count(convFlops(in.size(0), g));
    long t = t0();
    k.convolution(in, w, b, out, g, act);
    took("convolution " + layer(g), t);
  }

  @Override
  public void convolutionBackward(INDArray in, INDArray w, INDArray b, INDArray dOut, INDArray dIn, INDArray dW,
      INDArray dB, ConvGeometry g) {
    count(convFlops(in.size(0), g) * (dIn != null ? 2 : 1));
    long t = t0();
    k.convolutionBackward(in, w, b, dOut, dIn, dW, dB, g);
    took("convolutionBackward " + layer(g), t);
  }

  @Override
  public void convolutionBackward(INDArray in, INDArray w, INDArray b, INDArray out, INDArray dOut, INDArray dPre,
      Activation act, INDArray dIn, INDArray dW, INDArray dB, ConvGeometry g) {
    count(convFlops(in.size(0), g) * (dIn != null ? 2 : 1));
    long t = t0();
    k.convolutionBackward(in, w, b, out, dOut, dPre, act, dIn, dW, dB, g);
    took("convolutionBackward " + layer(g), t);
  }

  /** A convolution's shape in a profile: "1>32@28" (channels in and out, input size), "up" when transposed. */
  private static String layer(ConvGeometry g) {
    return (g.transposed() ? "up " : "") + g.inChannels() + ">" + g.outChannels() + "@" + g.inHeight();
  }

  /** 2 · (output or input positions, whichever the kernel slides over) · in · out channels · kernel area. */
  private static long convFlops(long n, ConvGeometry g) {
    long positions = g.transposed() ? (long) g.inHeight() * g.inWidth() : (long) g.outHeight() * g.outWidth();
    return 2L * n * positions * g.inChannels() * g.outChannels() * g.kernel() * g.kernel();
  }
}
