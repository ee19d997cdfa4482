package org.vaelab.api.engine;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The encoder of a plain autoencoder: a feature network and one linear head giving z itself. */
public final class DeterministicEncoder implements Encoder {
  private final Layer body;
  private final Dense head;
  private final int latentDim;
  private BatchBuffer zeros;
  private INDArray code;
  private INDArray logVar;

  public DeterministicEncoder(Layer body, int latentDim) {
    this.body = body;
    this.latentDim = latentDim;
    this.head = new Dense(body.outputSize(), latentDim, Activation.IDENTITY);
    body.setInputGradient(false);
  }

  @Override public PosteriorFamily family() { return PosteriorFamily.POINT_MASS; }

  @Override public long inputSize() { return body.inputSize(); }

  @Override public int latentDim() { return latentDim; }

  @Override
  public List<ParamSpec> params() {
    List<ParamSpec> all = new ArrayList<>(body.params());
    head.params().forEach(p -> all.add(p.prefixed("z.")));
    return all;
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    Parameterised.bindInOrder(values, grads, List.of(body, head));
  }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    body.plan(maxBatch, kernels);
    head.plan(maxBatch, kernels);
    zeros = new BatchBuffer(kernels, maxBatch, latentDim);
  }

  @Override
  public void forward(INDArray x) {
    code = head.forward(body.forward(x));
    logVar = zeros.rows(x.size(0));
  }

  @Override public INDArray mean() { return code; }

  /** Zeros: there is no posterior variance. */
  @Override public INDArray logVar() { return logVar; }

  @Override
  public void backward(INDArray dMean, INDArray dLogVar) {
    body.backward(head.backward(dMean));
  }
}
