package org.vaelab.models.prior;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParamSpec;

/**
 * The encoder twin seen by a two-level model's top prior: only q(z2|x), the last {@code top} of its
 * latent dimensions. It owns no parameters (the twin shares the encoder's); backward pads z1's with zeros.
 */
final class TopSlice implements Encoder {
  private final Encoder twin;
  private final int top;
  private final int d;
  private BatchBuffer mean;
  private BatchBuffer logVar;
  private BatchBuffer dMeanFull;
  private BatchBuffer dLogVarFull;
  private int rows;

  TopSlice(Encoder twin, int top) {
    this.twin = twin;
    this.top = top;
    this.d = twin.latentDim();
  }

  @Override public long inputSize() { return twin.inputSize(); }

  @Override public int latentDim() { return top; }

  @Override public List<ParamSpec> params() { return List.of(); }

  @Override public void bind(List<INDArray> values, List<INDArray> grads) {}

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    twin.plan(maxBatch, kernels);
    mean = new BatchBuffer(kernels, maxBatch, top);
    logVar = new BatchBuffer(kernels, maxBatch, top);
    dMeanFull = new BatchBuffer(kernels, maxBatch, d);
    dLogVarFull = new BatchBuffer(kernels, maxBatch, d);
  }

  @Override
  public void forward(INDArray x) {
    twin.forward(x);
    rows = (int) x.size(0);
    HostArrays.write(HierarchicalPrior.columns(HostArrays.read(twin.mean(), null), rows, d, d - top, d), mean.rows(rows));
    HostArrays.write(HierarchicalPrior.columns(HostArrays.read(twin.logVar(), null), rows, d, d - top, d), logVar.rows(rows));
  }

  @Override public INDArray mean() { return mean.rows(rows); }

  @Override public INDArray logVar() { return logVar.rows(rows); }

  @Override public boolean computeInputGradient() { return twin.computeInputGradient(); }

  @Override public INDArray inputGradient() { return twin.inputGradient(); }

  @Override
  public void backward(INDArray dMean, INDArray dLogVar) {
    INDArray dm = dMeanFull.rows(rows);
    INDArray dl = dLogVarFull.rows(rows);
    HostArrays.write(padded(HostArrays.read(dMean, null)), dm);
    HostArrays.write(padded(HostArrays.read(dLogVar, null)), dl);
    twin.backward(dm, dl);
  }

  private double[] padded(double[] slice) {
    double[] full = new double[rows * d];
    for (int r = 0; r < rows; r++) System.arraycopy(slice, r * top, full, r * d + d - top, top);
    return full;
  }
}
