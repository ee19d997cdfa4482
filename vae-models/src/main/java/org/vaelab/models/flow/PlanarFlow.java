package org.vaelab.models.flow;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.PosteriorFlow;

/**
 * Planar flows (Rezende &amp; Mohamed 2015, eq. 10-12): z' = z + û·tanh(wᵀz + b), with
 * û = u + (m(wᵀu) − wᵀu)·w/‖w‖², m(a) = −1 + softplus(a), which keeps each step invertible (their
 * appendix A.1); log|det| = log(1 + (1 − tanh²)·ûᵀw) and ûᵀw = m(wᵀu) > −1.
 */
final class PlanarFlow implements PosteriorFlow {
  private final int d;
  private final int steps;
  private final HostParams params = new HostParams();
  private double[] inputs;  // z entering each step, [steps][rows·d]
  private double[] tanh;    // tanh(wᵀz + b) of each step, [steps][rows]
  private double[] uHat;    // û of each step, [steps·d]
  private int rows;

  PlanarFlow(int latentDim, int steps) {
    this.d = latentDim;
    this.steps = steps;
  }

  @Override public int latentDim() { return d; }

  @Override public int steps() { return steps; }

  @Override
  public List<ParamSpec> params() {
    return List.of(new ParamSpec("u", new long[] {steps, d}, ParamSpec.Init.FAN_IN_UNIFORM, d),
        new ParamSpec("w", new long[] {steps, d}, ParamSpec.Init.FAN_IN_UNIFORM, d),
        new ParamSpec("b", new long[] {steps}, ParamSpec.Init.ZEROS, 1));
  }

  @Override public void bind(List<INDArray> values, List<INDArray> grads) { params.bind(values, grads); }

  @Override
  public void plan(int maxRows, org.vaelab.api.engine.Kernels kernels) {
    inputs = new double[steps * maxRows * d];
    tanh = new double[steps * maxRows];
    uHat = new double[steps * d];
  }

  private static double softplus(double a) {
    return a > 30 ? a : Math.log1p(Math.exp(a));
  }

  @Override
  public void forward(double[] z0, int n, double[] z, double[] logDet) {
    rows = n;
    double[][] p = params.read();
    double[] u = p[0];
    double[] w = p[1];
    double[] b = p[2];
    System.arraycopy(z0, 0, z, 0, n * d);
    java.util.Arrays.fill(logDet, 0, n, 0.0);
    for (int k = 0; k < steps; k++) {
      int o = k * d;
      double wu = 0;
      double ww = 0;
      for (int j = 0; j < d; j++) {
        wu += w[o + j] * u[o + j];
        ww += w[o + j] * w[o + j];
      }
      double r = (-1 + softplus(wu) - wu) / ww;
      double uw = 0;
      for (int j = 0; j < d; j++) {
        uHat[o + j] = u[o + j] + r * w[o + j];
        uw += uHat[o + j] * w[o + j];
      }
      System.arraycopy(z, 0, inputs, k * rows * d, n * d);
      for (int i = 0; i < n; i++) {
        double a = b[k];
        for (int j = 0; j < d; j++) a += w[o + j] * z[i * d + j];
        double t = Math.tanh(a);
        tanh[k * rows + i] = t;
        for (int j = 0; j < d; j++) z[i * d + j] += uHat[o + j] * t;
        logDet[i] += Math.log(1 + (1 - t * t) * uw);
      }
    }
  }

  @Override
  public void backward(double[] dz, double[] logDetWeight, int n, double[] dz0) {
    double[][] p = params.read();
    double[] u = p[0];
    double[] w = p[1];
    double[][] g = params.zeroGrads();
    double[] gu = g[0];
    double[] gw = g[1];
    double[] gb = g[2];
    double[] gUhat = new double[d];
    System.arraycopy(dz, 0, dz0, 0, n * d);
    for (int k = steps - 1; k >= 0; k--) {
      int o = k * d;
      double uw = 0;
      for (int j = 0; j < d; j++) uw += uHat[o + j] * w[o + j];
      java.util.Arrays.fill(gUhat, 0);
      double gUw = 0;  // ∂loss/∂(ûᵀw) through the log-determinant
      for (int i = 0; i < n; i++) {
        double t = tanh[k * rows + i];
        double s = 1 - t * t;
        double det = 1 + s * uw;
        double c = logDetWeight[i];
        double ug = 0;
        for (int j = 0; j < d; j++) ug += uHat[o + j] * dz0[i * d + j];
        double da = ug * s - 2 * c * t * s * uw / det;
        for (int j = 0; j < d; j++) gUhat[j] += dz0[i * d + j] * t;
        gUw += c * s / det;
        gb[k] += da;
        int in = k * rows * d + i * d;
        for (int j = 0; j < d; j++) {
          gw[o + j] += da * inputs[in + j];
          dz0[i * d + j] += da * w[o + j];
        }
      }
      for (int j = 0; j < d; j++) {
        gUhat[j] += gUw * w[o + j];
        gw[o + j] += gUw * uHat[o + j];
      }
      // û = u + r·w with r = (m(β) − β)/‖w‖², β = wᵀu: the chain rule into u and w
      double beta = 0;
      double ww = 0;
      double gw_ = 0;
      for (int j = 0; j < d; j++) {
        beta += w[o + j] * u[o + j];
        ww += w[o + j] * w[o + j];
        gw_ += gUhat[j] * w[o + j];
      }
      double mMinusBeta = -1 + softplus(beta) - beta;
      double r = mMinusBeta / ww;
      double drdBeta = (1 / (1 + Math.exp(-beta)) - 1) / ww;
      for (int j = 0; j < d; j++) {
        gu[o + j] += gUhat[j] + gw_ * drdBeta * w[o + j];
        gw[o + j] += r * gUhat[j] + gw_ * (drdBeta * u[o + j] - 2 * mMinusBeta * w[o + j] / (ww * ww));
      }
    }
    params.addGrads();
  }
}
