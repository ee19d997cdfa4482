package org.vaelab.api.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer whose forward pass is a SameDiff sub-graph and whose backward pass comes from SameDiff's
 * autodiff: a plugin author writes the graph and no backward code. It is slower than a hand-written
 * layer (SameDiff's per-op overhead and copies), so it suits prototypes and gradient references.
 */
public final class SameDiffLayer implements Layer {
  /** Builds the output of the layer from its input and parameter variables (keyed by {@link ParamSpec#name()}). */
  @FunctionalInterface
  public interface Graph {
    SDVariable define(SameDiff sd, SDVariable input, Map<String, SDVariable> params);
  }

  private static final String IN = "in";
  private static final String D_OUT = "dOut";

  private final long in;
  private final long out;
  private final List<ParamSpec> specs;
  private final Graph graph;
  private boolean inputGradient = true;
  private List<INDArray> values;
  private List<INDArray> grads;
  private SameDiff sd;
  private String outName;
  private BatchBuffer act;
  private BatchBuffer dIn;
  private INDArray lastIn;

  public SameDiffLayer(long inputSize, long outputSize, List<ParamSpec> params, Graph graph) {
    if (inputSize <= 0 || outputSize <= 0) {
      throw new IllegalArgumentException("sizes must be > 0, was " + inputSize + "x" + outputSize);
    }
    this.in = inputSize;
    this.out = outputSize;
    this.specs = List.copyOf(params);
    this.graph = graph;
  }

  @Override public long inputSize() { return in; }

  @Override public long outputSize() { return out; }

  @Override public List<ParamSpec> params() { return specs; }

  @Override
  public void bind(List<INDArray> v, List<INDArray> g) {
    values = v;
    grads = g;
  }

  @Override public void setInputGradient(boolean needed) { inputGradient = needed; }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    sd = SameDiff.create();
    SDVariable x = sd.placeHolder(IN, kernels.dataType(), -1, in);
    Map<String, SDVariable> p = new LinkedHashMap<>();
    for (int i = 0; i < specs.size(); i++) p.put(specs.get(i).name(), sd.var(specs.get(i).name(), values.get(i)));
    SDVariable y = graph.define(sd, x, p);
    outName = y.name();
    SDVariable dOut = sd.placeHolder(D_OUT, kernels.dataType(), -1, out);
    sd.setLossVariables(y.mul(dOut).sum());  // its gradient is the vector-Jacobian product with dOut
    act = new BatchBuffer(kernels, maxBatch, out);
    dIn = new BatchBuffer(kernels, maxBatch, in);
  }

  @Override
  public INDArray forward(INDArray x) {
    lastIn = x;
    syncParameters();
    INDArray y = sd.output(Map.of(IN, x), outName).get(outName);
    return act.rows(x.size(0)).assign(y);
  }

  @Override
  public INDArray backward(INDArray dOut) {
    syncParameters();
    List<String> wanted = new ArrayList<>();
    specs.forEach(s -> wanted.add(s.name()));
    if (inputGradient) wanted.add(IN);
    Map<String, INDArray> g = sd.calculateGradients(Map.of(IN, lastIn, D_OUT, dOut), wanted);
    for (int i = 0; i < specs.size(); i++) grads.get(i).addi(g.get(specs.get(i).name()).reshape(grads.get(i).shape()));
    return inputGradient ? dIn.rows(lastIn.size(0)).assign(g.get(IN)) : null;
  }

  /** Points SameDiff's variables at the current parameter values (the flat store may have been reassigned). */
  private void syncParameters() {
    for (int i = 0; i < specs.size(); i++) sd.getVariable(specs.get(i).name()).setArray(values.get(i));
  }
}
