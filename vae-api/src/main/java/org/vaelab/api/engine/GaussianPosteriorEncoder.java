package org.vaelab.api.engine;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A feature network followed by two linear heads, for the mean and the log-variance of q(z|x). */
public final class GaussianPosteriorEncoder implements Encoder {
  private final Layer body;
  private final Dense meanHead;
  private final Dense logVarHead;
  private final int latentDim;
  private INDArray mean;
  private INDArray logVar;
  private INDArray inputGradient;

  public GaussianPosteriorEncoder(Layer body, int latentDim) {
    this.body = body;
    this.latentDim = latentDim;
    this.meanHead = new Dense(body.outputSize(), latentDim, Activation.IDENTITY);
    this.logVarHead = new Dense(body.outputSize(), latentDim, Activation.IDENTITY);
    body.setInputGradient(false);
  }

  @Override public long inputSize() { return body.inputSize(); }

  @Override public int latentDim() { return latentDim; }

  @Override
  public List<ParamSpec> params() {
    List<ParamSpec> all = new ArrayList<>(body.params());
    meanHead.params().forEach(p -> all.add(new ParamSpec("mean." + p.name(), p.shape(), p.init(), p.fanIn())));
    logVarHead.params().forEach(p -> all.add(new ParamSpec("logVar." + p.name(), p.shape(), p.init(), p.fanIn())));
    return all;
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    int n = body.params().size();
    body.bind(values.subList(0, n), grads.subList(0, n));
    meanHead.bind(values.subList(n, n + 2), grads.subList(n, n + 2));
    logVarHead.bind(values.subList(n + 2, n + 4), grads.subList(n + 2, n + 4));
  }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    body.plan(maxBatch, kernels);
    meanHead.plan(maxBatch, kernels);
    logVarHead.plan(maxBatch, kernels);
  }

  @Override
  public void forward(INDArray x) {
    INDArray h = body.forward(x);
    mean = meanHead.forward(h);
    logVar = logVarHead.forward(h);
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
    dh.addi(logVarHead.backward(dLogVar));
    inputGradient = body.backward(dh);
  }
}
