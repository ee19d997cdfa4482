package org.vaelab.models.flow;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.HostArrays;

/** A flow's bound parameter views, read to the host once a pass; gradients summed on the host, then added. */
final class HostParams {
  private List<INDArray> values;
  private List<INDArray> grads;
  private double[][] host;
  private double[][] hostGrads;

  void bind(List<INDArray> values, List<INDArray> grads) {
    this.values = values;
    this.grads = grads;
    host = new double[values.size()][];
    hostGrads = new double[values.size()][];
  }

  /** The current values of every parameter, row-major. */
  double[][] read() {
    for (int i = 0; i < values.size(); i++) host[i] = HostArrays.read(values.get(i), host[i]);
    return host;
  }

  /** Zeroed host gradient arrays, one per parameter, for a backward pass to fill. */
  double[][] zeroGrads() {
    for (int i = 0; i < grads.size(); i++) {
      int n = (int) grads.get(i).length();
      if (hostGrads[i] == null || hostGrads[i].length != n) hostGrads[i] = new double[n];
      java.util.Arrays.fill(hostGrads[i], 0);
    }
    return hostGrads;
  }

  /** Adds the host gradients into the bound gradient views. */
  void addGrads() {
    for (int i = 0; i < grads.size(); i++) {
      double[] g = HostArrays.read(grads.get(i), null);
      for (int j = 0; j < g.length; j++) g[j] += hostGrads[i][j];
      HostArrays.write(g, grads.get(i));
    }
  }
}
