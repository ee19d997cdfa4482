package org.vaelab.api.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The reference backend: every kernel is a sequence of ND4J ops writing into preallocated
 * arrays, so it runs on any ND4J backend (CPU or CUDA) and in float or double. Temporaries
 * come from a scratch pool keyed by shape, allocated on first use and reused afterwards.
 */
public final class Nd4jKernels implements Kernels {
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
  private final DataType dataType;
  private final Map<String, INDArray> scratch = new HashMap<>();

  public Nd4jKernels(DataType dataType) {
    if (!dataType.isFPType()) throw new IllegalArgumentException("dataType must be floating point, was " + dataType);
    this.dataType = dataType;
  }

  @Override public String name() { return "nd4j"; }

  @Override public DataType dataType() { return dataType; }

  @Override public INDArray create(long... shape) { return Nd4j.create(dataType, shape); }

  private INDArray scratch(int slot, long... shape) {
    return scratch.computeIfAbsent(slot + Arrays.toString(shape), k -> create(shape));
  }

  @Override
  public void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
    Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
  }

  @Override
  public void biasActivation(INDArray pre, INDArray bias, Activation act, INDArray out) {
    if (bias != null) pre.addiRowVector(bias);
    switch (act) {
      case RELU -> Nd4j.exec(new RectifiedLinear(pre, out, 0.0));
      case TANH -> Nd4j.exec(new Tanh(pre, out));
      case ELU -> Nd4j.exec(new ELU(pre, out));
      case IDENTITY -> { if (out != pre) out.assign(pre); }
    }
  }

  @Override
  public void activationBackward(INDArray dOut, INDArray pre, INDArray out, Activation act, INDArray dPre, INDArray dBias) {
    INDArray d = scratch(0, dOut.shape());
    switch (act) {
      case RELU -> { Nd4j.exec(new Step(pre, d, 0.0)); dOut.mul(d, dPre); }
      case TANH -> { out.mul(out, d); d.rsubi(1.0); dOut.mul(d, dPre); }
      case ELU -> { Nd4j.exec(new ScalarMin(out, null, d, 0.0)); d.addi(1.0); dOut.mul(d, dPre); }
      case IDENTITY -> { if (dPre != dOut) dPre.assign(dOut); }
    }
    if (dBias == null) return;
    INDArray colSum = scratch(1, dBias.length());
    dPre.sum(colSum, 0);
    dBias.addi(colSum);
  }

  @Override
  public double bernoulliLogLikelihood(INDArray logits, INDArray x, INDArray dLogits, double scale, INDArray perExample) {
    // log p = x*l - softplus(l); d/dl = x - sigmoid(l)
    INDArray t = scratch(2, logits.shape());
    Nd4j.exec(new SoftPlus(logits, t));
    INDArray lx = scratch(3, logits.shape());
    logits.mul(x, lx);
    lx.subi(t);
    double sum = lx.sumNumber().doubleValue();
    if (perExample != null) lx.sum(perExample, 1);
    Nd4j.exec(new Sigmoid(logits, dLogits));
    dLogits.rsubi(x).muli(scale);
    return sum;
  }

  @Override
  public double gaussianLogLikelihood(INDArray mean, INDArray x, double sigma, INDArray dMean, double scale, INDArray perExample) {
    // log p = -(x-m)^2/(2 s^2) - log s - log(2 pi)/2; d/dm = (x-m)/s^2
    INDArray r = scratch(2, mean.shape());
    x.sub(mean, r);
    r.mul(scale / (sigma * sigma), dMean);
    INDArray t = scratch(3, mean.shape());
    r.mul(r, t).muli(-0.5 / (sigma * sigma)).subi(Math.log(sigma) + HALF_LOG_2PI);
    if (perExample != null) t.sum(perExample, 1);
    return t.sumNumber().doubleValue();
  }

  @Override
  public double standardNormalKl(INDArray mu, INDArray logVar, INDArray dMu, INDArray dLogVar, double scale, INDArray perExample) {
    // KL = 0.5 * (mu^2 + exp(lv) - 1 - lv); dKL/dmu = mu; dKL/dlv = 0.5 (exp(lv) - 1)
    INDArray e = scratch(4, logVar.shape());
    Nd4j.exec(new Exp(logVar, e));
    INDArray k = scratch(5, logVar.shape());
    mu.mul(mu, k).addi(e).subi(logVar).subi(1.0).muli(0.5);
    if (perExample != null) k.sum(perExample, 1);
    double sum = k.sumNumber().doubleValue();
    dMu.addi(mu.mul(scale, k));
    e.subi(1.0).muli(0.5 * scale);
    dLogVar.addi(e);
    return sum;
  }

  @Override
  public void reparameterize(INDArray mu, INDArray logVar, INDArray eps, INDArray z) {
    logVar.mul(0.5, z);
    Nd4j.exec(new Exp(z, z));
    z.muli(eps).addi(mu);
  }

  @Override
  public void reparameterizeBackward(INDArray dz, INDArray logVar, INDArray eps, INDArray dMu, INDArray dLogVar) {
    dMu.addi(dz);
    INDArray s = scratch(6, logVar.shape());
    logVar.mul(0.5, s);
    Nd4j.exec(new Exp(s, s));
    s.muli(eps).muli(dz).muli(0.5);
    dLogVar.addi(s);
  }

  @Override public void sigmoid(INDArray in, INDArray out) { Nd4j.exec(new Sigmoid(in, out)); }

  @Override
  public void normal(INDArray out, Random rng) {
    Nd4j.getExecutioner().exec(new GaussianDistribution(out, 0.0, 1.0), rng);
  }

  @Override
  public double sumOfSquares(INDArray a) {
    double n = a.norm2Number().doubleValue();
    return n * n;
  }

  @Override
  public void adam(INDArray params, INDArray grads, INDArray m, INDArray v, double lr, double beta1, double beta2,
      double epsilon, long step) {
    INDArray t = scratch(7, params.shape());
    m.muli(beta1).addi(grads.mul(1 - beta1, t));
    v.muli(beta2).addi(grads.mul(grads, t).muli(1 - beta2));
    double stepSize = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
    double epsHat = epsilon * Math.sqrt(1 - Math.pow(beta2, step));
    Nd4j.exec(new Sqrt(v, t));
    t.addi(epsHat);
    m.div(t, t).muli(stepSize);
    params.subi(t);
  }

  @Override
  public void flushDenormals(INDArray a) {
    BooleanIndexing.replaceWhere(a, 0.0, Conditions.absLessThan(1e-30));
  }

  @Override
  public void convolution(INDArray in, INDArray w, INDArray b, INDArray out, ConvGeometry g) {
    Nd4j.exec(DynamicCustomOp.builder(g.transposed() ? "deconv2d" : "conv2d")
        .addInputs(images(in, g.inChannels(), g.inHeight(), g.inWidth()), w, b)
        .addOutputs(images(out, g.outChannels(), g.outHeight(), g.outWidth()))
        .addIntegerArguments(g.opArguments()).build());
  }

  @Override
  public void convolutionBackward(INDArray in, INDArray w, INDArray b, INDArray dOut, INDArray dIn, INDArray dW,
      INDArray dB, ConvGeometry g) {
    long n = in.size(0);
    INDArray gradIn = dIn != null ? dIn : scratch(8, n, g.inputSize());
    Nd4j.exec(DynamicCustomOp.builder(g.transposed() ? "deconv2d_bp" : "conv2d_bp")
        .addInputs(images(in, g.inChannels(), g.inHeight(), g.inWidth()), w, b,
            images(dOut, g.outChannels(), g.outHeight(), g.outWidth()))
        .addOutputs(images(gradIn, g.inChannels(), g.inHeight(), g.inWidth()), dW, dB)
        .addIntegerArguments(g.opArguments()).build());
  }

  /** A {@code [n, c, h, w]} view of flat rows {@code [n, c·h·w]} (which must be contiguous). */
  private static INDArray images(INDArray rows, int c, int h, int w) {
    return rows.reshape('c', rows.size(0), c, h, w);
  }
}
