package org.vaelab.models.flow;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.PosteriorFlow;

/**
 * Inverse autoregressive flow (Kingma et al. 2016, eq. 11-14): per step [m, s] = MADE(z) with one
 * ELU hidden layer, σ = sigmoid(s + 2), z' = σ⊙z + (1 − σ)⊙m, log|det| = Σ log σ. The +2 starts
 * each step near the identity (their section 5: "s_t ... initially sufficiently large positive,
 * such as close to +1 or +2"); the variable order is reversed from one step to the next.
 */
final class IafFlow implements PosteriorFlow {
  private static final double FORGET_BIAS = 2.0;
  private static final int PARAMS_PER_STEP = 6;  // W1 [h,d], b1 [h], Wm [d,h], bm [d], Ws [d,h], bs [d]
  private final int d;
  private final int h;
  private final int steps;
  private final double[][] inMask;   // per step, [h·d]
  private final double[][] outMask;  // per step, [d·h]
  private final HostParams params = new HostParams();
  private double[][] inputs;  // per step [rows·d]
  private double[][] pre;     // per step [rows·h]
  private double[][] hidden;
  private double[][] sigma;   // per step [rows·d]
  private double[][] shift;
  private double[] gh = new double[0];
  private int rows;

  IafFlow(int latentDim, int steps, int hidden) {
    this.d = latentDim;
    this.h = hidden;
    this.steps = steps;
    inMask = new double[steps][h * d];
    outMask = new double[steps][d * h];
    for (int k = 0; k < steps; k++) {
      for (int j = 0; j < h; j++) {
        int hiddenDegree = 1 + j % Math.max(1, d - 1);
        for (int i = 0; i < d; i++) {
          int inputDegree = k % 2 == 0 ? i + 1 : d - i;
          inMask[k][j * d + i] = inputDegree <= hiddenDegree ? 1 : 0;
          outMask[k][i * h + j] = hiddenDegree < inputDegree ? 1 : 0;
        }
      }
    }
  }

  @Override public int latentDim() { return d; }

  @Override public int steps() { return steps; }

  @Override
  public List<ParamSpec> params() {
    List<ParamSpec> all = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      String s = k + ".";
      all.add(new ParamSpec(s + "W1", new long[] {h, d}, ParamSpec.Init.FAN_IN_UNIFORM, d));
      all.add(new ParamSpec(s + "b1", new long[] {h}, ParamSpec.Init.FAN_IN_UNIFORM, d));
      all.add(new ParamSpec(s + "Wm", new long[] {d, h}, ParamSpec.Init.FAN_IN_UNIFORM, h));
      all.add(new ParamSpec(s + "bm", new long[] {d}, ParamSpec.Init.FAN_IN_UNIFORM, h));
      all.add(new ParamSpec(s + "Ws", new long[] {d, h}, ParamSpec.Init.FAN_IN_UNIFORM, h));
      all.add(new ParamSpec(s + "bs", new long[] {d}, ParamSpec.Init.FAN_IN_UNIFORM, h));
    }
    return all;
  }

  @Override public void bind(List<INDArray> values, List<INDArray> grads) { params.bind(values, grads); }

  @Override
  public void plan(int maxRows, org.vaelab.api.engine.Kernels kernels) {
    inputs = new double[steps][maxRows * d];
    pre = new double[steps][maxRows * h];
    hidden = new double[steps][maxRows * h];
    sigma = new double[steps][maxRows * d];
    shift = new double[steps][maxRows * d];
    gh = new double[h];
  }

  @Override
  public void forward(double[] z0, int n, double[] z, double[] logDet) {
    rows = n;
    double[][] p = params.read();
    System.arraycopy(z0, 0, z, 0, n * d);
    java.util.Arrays.fill(logDet, 0, n, 0.0);
    for (int k = 0; k < steps; k++) {
      double[] w1 = p[k * PARAMS_PER_STEP];
      double[] b1 = p[k * PARAMS_PER_STEP + 1];
      double[] wm = p[k * PARAMS_PER_STEP + 2];
      double[] bm = p[k * PARAMS_PER_STEP + 3];
      double[] ws = p[k * PARAMS_PER_STEP + 4];
      double[] bs = p[k * PARAMS_PER_STEP + 5];
      double[] m1 = inMask[k];
      double[] m2 = outMask[k];
      System.arraycopy(z, 0, inputs[k], 0, n * d);
      for (int r = 0; r < n; r++) {
        int zr = r * d;
        int hr = r * h;
        for (int j = 0; j < h; j++) {
          double a = b1[j];
          for (int i = 0; i < d; i++) a += m1[j * d + i] * w1[j * d + i] * z[zr + i];
          pre[k][hr + j] = a;
          hidden[k][hr + j] = a > 0 ? a : Math.expm1(a);
        }
        for (int i = 0; i < d; i++) {
          double m = bm[i];
          double s = bs[i] + FORGET_BIAS;
          for (int j = 0; j < h; j++) {
            double mask = m2[i * h + j];
            m += mask * wm[i * h + j] * hidden[k][hr + j];
            s += mask * ws[i * h + j] * hidden[k][hr + j];
          }
          double sg = 1 / (1 + Math.exp(-s));
          sigma[k][zr + i] = sg;
          shift[k][zr + i] = m;
          logDet[r] += -Math.log1p(Math.exp(-s));  // log σ, stable for large |s|
        }
        for (int i = 0; i < d; i++) {
          double sg = sigma[k][zr + i];
          z[zr + i] = sg * z[zr + i] + (1 - sg) * shift[k][zr + i];
        }
      }
    }
  }

  @Override
  public void backward(double[] dz, double[] logDetWeight, int n, double[] dz0) {
    double[][] p = params.read();
    double[][] g = params.zeroGrads();
    System.arraycopy(dz, 0, dz0, 0, n * d);
    double[] dm = new double[d];
    double[] ds = new double[d];
    for (int k = steps - 1; k >= 0; k--) {
      int q = k * PARAMS_PER_STEP;
      double[] w1 = p[q];
      double[] wm = p[q + 2];
      double[] ws = p[q + 4];
      double[] m1 = inMask[k];
      double[] m2 = outMask[k];
      for (int r = 0; r < n; r++) {
        int zr = r * d;
        int hr = r * h;
        double c = logDetWeight[r];
        for (int i = 0; i < d; i++) {
          double sg = sigma[k][zr + i];
          double up = dz0[zr + i];
          dm[i] = up * (1 - sg);
          ds[i] = up * (inputs[k][zr + i] - shift[k][zr + i]) * sg * (1 - sg) + c * (1 - sg);
          dz0[zr + i] = up * sg;
          g[q + 3][i] += dm[i];
          g[q + 5][i] += ds[i];
        }
        java.util.Arrays.fill(gh, 0);
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < h; j++) {
            double mask = m2[i * h + j];
            if (mask == 0) continue;
            double hv = hidden[k][hr + j];
            g[q + 2][i * h + j] += dm[i] * hv;
            g[q + 4][i * h + j] += ds[i] * hv;
            gh[j] += wm[i * h + j] * dm[i] + ws[i * h + j] * ds[i];
          }
        }
        for (int j = 0; j < h; j++) {
          double a = pre[k][hr + j];
          double da = gh[j] * (a > 0 ? 1 : Math.exp(a));
          g[q + 1][j] += da;
          for (int i = 0; i < d; i++) {
            if (m1[j * d + i] == 0) continue;
            g[q][j * d + i] += da * inputs[k][zr + i];
            dz0[zr + i] += da * w1[j * d + i];
          }
        }
      }
    }
    params.addGrads();
  }
}
