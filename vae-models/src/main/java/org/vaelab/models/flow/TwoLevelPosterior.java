package org.vaelab.models.flow;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.PosteriorFlow;
import org.vaelab.api.engine.Sequential;

/**
 * The posterior of a two-level model, q(z2|x)·q(z1|x, z2), on the encoder's Gaussian over
 * z0 = [u1, z2]: z2 is the encoder's sample (its last {@code top} dimensions) and
 * z1 = m(z2) + exp(v(z2)/2)·u1, with (m, v) from a network of z2 (v through hardtanh(−6, 2)). So
 * q(z1|x, z2) = N(m(z2) + exp(v/2)·μ1(x), exp(v)·σ1²(x)): Gaussian, its mean and variance depending on
 * x and z2 (through the encoder and this network), log|det| = Σ v/2.
 */
final class TwoLevelPosterior implements PosteriorFlow {
  private final int d;
  private final int top;
  private final int bottom;
  private final GaussianPosteriorEncoder net;
  private BatchBuffer z2In;
  private BatchBuffer dShift;
  private BatchBuffer dLogScale;
  private double[] u1;
  private double[] shift;
  private double[] logScale;
  private double[] g1;
  private double[] g2;
  private double[] dm;
  private double[] dv;
  private int rows;

  TwoLevelPosterior(int latentDim, int top, List<Integer> hidden) {
    this.d = latentDim;
    this.top = top;
    this.bottom = latentDim - top;
    int width = hidden.isEmpty() ? top : hidden.get(hidden.size() - 1);
    List<Integer> inner = hidden.isEmpty() ? List.of() : hidden.subList(0, hidden.size() - 1);
    Sequential body = hidden.isEmpty() ? Sequential.mlp(top, List.of(), top, Activation.IDENTITY, Activation.IDENTITY)
        : Sequential.mlp(top, inner, width, Activation.ELU, Activation.ELU);
    net = new GaussianPosteriorEncoder(body, bottom, ParamSpec.Init.FAN_IN_UNIFORM, -6, 2);
    net.computeInputGradient();
  }

  @Override public int latentDim() { return d; }

  @Override public int steps() { return 1; }

  @Override public int topLatentDim() { return top; }

  @Override public List<ParamSpec> params() { return net.params(); }

  @Override public void bind(List<INDArray> values, List<INDArray> grads) { net.bind(values, grads); }

  @Override
  public void plan(int maxRows, Kernels kernels) {
    net.plan(maxRows, kernels);
    z2In = new BatchBuffer(kernels, maxRows, top);
    dShift = new BatchBuffer(kernels, maxRows, bottom);
    dLogScale = new BatchBuffer(kernels, maxRows, bottom);
    u1 = new double[maxRows * bottom];
    g2 = new double[maxRows * top];
    dm = new double[maxRows * bottom];
    dv = new double[maxRows * bottom];
  }

  @Override
  public void forward(double[] z0, int n, double[] z, double[] logDet) {
    rows = n;
    double[] z2 = new double[n * top];
    for (int r = 0; r < n; r++) {
      System.arraycopy(z0, r * d, u1, r * bottom, bottom);
      System.arraycopy(z0, r * d + bottom, z2, r * top, top);
    }
    INDArray in = z2In.rows(n);
    HostArrays.write(z2, in);
    net.forward(in);
    shift = HostArrays.read(net.mean(), shift);
    logScale = HostArrays.read(net.logVar(), logScale);
    for (int r = 0; r < n; r++) {
      double sum = 0;
      for (int j = 0; j < bottom; j++) {
        int i = r * bottom + j;
        z[r * d + j] = shift[i] + Math.exp(0.5 * logScale[i]) * u1[i];
        sum += 0.5 * logScale[i];
      }
      System.arraycopy(z2, r * top, z, r * d + bottom, top);
      logDet[r] = sum;
    }
  }

  @Override
  public void backward(double[] dz, double[] logDetWeight, int n, double[] dz0) {
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < bottom; j++) {
        int i = r * bottom + j;
        double scale = Math.exp(0.5 * logScale[i]);
        double g = dz[r * d + j];
        dz0[r * d + j] = g * scale;
        dm[i] = g;
        dv[i] = 0.5 * g * u1[i] * scale + 0.5 * logDetWeight[r];
      }
    }
    INDArray dmA = dShift.rows(n);
    INDArray dvA = dLogScale.rows(n);
    HostArrays.write(dm, dmA);
    HostArrays.write(dv, dvA);
    net.backward(dmA, dvA);
    g2 = HostArrays.read(net.inputGradient(), g2);
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < top; j++) dz0[r * d + bottom + j] = dz[r * d + bottom + j] + g2[r * top + j];
    }
  }
}
