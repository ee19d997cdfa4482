package org.vaelab.api.engine;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A feature network followed by two linear heads, for the mean and the log-variance of q(z|x); the
 * log-variance optionally bounded by hardtanh(min, max), as the VampPrior code bounds it to [-6, 2].
 */
public final class GaussianPosteriorEncoder implements Encoder {
  private final Layer body;
  private final Dense meanHead;
  private final Dense logVarHead;
  private final int latentDim;
  private INDArray mean;
  private INDArray logVar;
  private INDArray inputGradient;
  private final double logVarMin;
  private final double logVarMax;
  private BatchBuffer bounded;
  private BatchBuffer dUnbounded;
  private double[] hostPre;
  private double[] hostGrad;

  public GaussianPosteriorEncoder(Layer body, int latentDim) {
    this(body, latentDim, ParamSpec.Init.FAN_IN_UNIFORM, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** As above: heads' weights initialised by {@code headInit}, log-variance clipped to [logVarMin, logVarMax]. */
  public GaussianPosteriorEncoder(Layer body, int latentDim, ParamSpec.Init headInit, double logVarMin,
      double logVarMax) {
    if (!(logVarMin < logVarMax)) {
      throw new IllegalArgumentException("log-variance bounds must have min < max, were " + logVarMin + ", " + logVarMax);
    }
    this.body = body;
    this.latentDim = latentDim;
    this.meanHead = new Dense(body.outputSize(), latentDim, Activation.IDENTITY, headInit);
    this.logVarHead = new Dense(body.outputSize(), latentDim, Activation.IDENTITY, headInit);
    this.logVarMin = logVarMin;
    this.logVarMax = logVarMax;
    body.setInputGradient(false);
  }

  private boolean isBounded() {
    return logVarMin > Double.NEGATIVE_INFINITY || logVarMax < Double.POSITIVE_INFINITY;
  }

  @Override public long inputSize() { return body.inputSize(); }

  @Override public int latentDim() { return latentDim; }

  @Override
  public List<ParamSpec> params() {
    List<ParamSpec> all = new ArrayList<>(body.params());
    meanHead.params().forEach(p -> all.add(p.prefixed("mean.")));
    logVarHead.params().forEach(p -> all.add(p.prefixed("logVar.")));
    return all;
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    Parameterised.bindInOrder(values, grads, List.of(body, meanHead, logVarHead));
  }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    body.plan(maxBatch, kernels);
    meanHead.plan(maxBatch, kernels);
    logVarHead.plan(maxBatch, kernels);
    if (isBounded()) {
      bounded = new BatchBuffer(kernels, maxBatch, latentDim);
      dUnbounded = new BatchBuffer(kernels, maxBatch, latentDim);
    }
  }

  @Override
  public void forward(INDArray x) {
    INDArray h = body.forward(x);
    mean = meanHead.forward(h);
    logVar = logVarHead.forward(h);
    if (isBounded()) {
      double[] v = hostPre = HostArrays.read(logVar, hostPre);
      double[] c = hostGrad = hostGrad != null && hostGrad.length >= v.length ? hostGrad : new double[v.length];
      int n = (int) logVar.length();
      for (int i = 0; i < n; i++) c[i] = Math.min(logVarMax, Math.max(logVarMin, v[i]));
      logVar = bounded.rows(x.size(0));
      HostArrays.write(c, logVar);
    }
  }

  @Override public INDArray mean() { return mean; }

  @Override public INDArray logVar() { return logVar; }

  @Override
  public boolean computeInputGradient() {
    body.setInputGradient(true);
    return true;
  }

  @Override public INDArray inputGradient() { return inputGradient; }

  @Override
  public void backward(INDArray dMean, INDArray dLogVar) {
    INDArray dh = meanHead.backward(dMean);
    dh.addi(logVarHead.backward(isBounded() ? unbounded(dLogVar) : dLogVar));
    inputGradient = body.backward(dh);
  }

  /** hardtanh's gradient: dLogVar where the head's output was strictly inside the bounds, else 0. */
  private INDArray unbounded(INDArray dLogVar) {
    int n = (int) dLogVar.length();
    double[] pre = hostPre;
    double[] d = hostGrad = HostArrays.read(dLogVar, hostGrad);
    for (int i = 0; i < n; i++) if (!(pre[i] > logVarMin && pre[i] < logVarMax)) d[i] = 0;
    INDArray out = dUnbounded.rows(dLogVar.size(0));
    HostArrays.write(d, out);
    return out;
  }
}
