package org.vaelab.models.prior;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.PosteriorSample;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.engine.Sequential;

/**
 * The prior of a two-level VAE over z = [z1, z2]: p(z2) (standard normal or VampPrior) and
 * p(z1|z2) = N(m(z2), exp(v(z2))) from a network of z2 (v through hardtanh(−6, 2)), as in the
 * VampPrior paper's HVAE (Tomczak &amp; Welling 2018). The KL is the one-sample
 * log q(z|x) − log p(z2) − log p(z1|z2), q's density from the sample's noise and log-variances.
 */
final class HierarchicalPrior implements Prior {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private final int d;
  private final int top;
  private final int bottom;
  private final Prior topPrior;
  private final GaussianPosteriorEncoder net;
  private int netParams;
  private int maxRows;
  private BatchBuffer[] slice;  // mean, logVar, eps, z, dMean, dLogVar, dZ of z2: [rows, top]
  private BatchBuffer topRows;
  private BatchBuffer dm;
  private BatchBuffer dv;

  HierarchicalPrior(int latentDim, Prior topPrior, List<Integer> hidden) {
    this.d = latentDim;
    this.top = topPrior.latentDim();
    this.bottom = latentDim - top;
    this.topPrior = topPrior;
    int width = hidden.isEmpty() ? top : hidden.get(hidden.size() - 1);
    List<Integer> inner = hidden.isEmpty() ? List.of() : hidden.subList(0, hidden.size() - 1);
    Sequential body = hidden.isEmpty() ? Sequential.mlp(top, List.of(), top, Activation.IDENTITY, Activation.IDENTITY)
        : Sequential.mlp(top, inner, width, Activation.ELU, Activation.ELU);
    net = new GaussianPosteriorEncoder(body, bottom, ParamSpec.Init.FAN_IN_UNIFORM, -6, 2);
    net.computeInputGradient();
  }

  /** Columns [from, to) of a row-major [rows, width] array. */
  static double[] columns(double[] a, int rows, int width, int from, int to) {
    int w = to - from;
    double[] out = new double[rows * w];
    for (int r = 0; r < rows; r++) System.arraycopy(a, r * width + from, out, r * w, w);
    return out;
  }

  @Override public int latentDim() { return d; }

  @Override public int topLatentDim() { return top; }

  @Override public boolean needsEncoder() { return topPrior.needsEncoder(); }

  @Override public void attachEncoder(Encoder twin) { topPrior.attachEncoder(new TopSlice(twin, top)); }

  @Override
  public List<ParamSpec> params() {
    List<ParamSpec> all = new ArrayList<>();
    net.params().forEach(p -> all.add(p.prefixed("conditional.")));
    netParams = all.size();
    topPrior.params().forEach(p -> all.add(p.prefixed("top.")));
    return all;
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    net.bind(values.subList(0, netParams), grads.subList(0, netParams));
    topPrior.bind(values.subList(netParams, values.size()), grads.subList(netParams, grads.size()));
  }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    maxRows = maxBatch;
    topPrior.plan(maxBatch, kernels);
    net.plan(maxBatch, kernels);
    slice = new BatchBuffer[7];
    for (int i = 0; i < slice.length; i++) slice[i] = new BatchBuffer(kernels, maxBatch, top);
    topRows = new BatchBuffer(kernels, maxBatch, 1);
    dm = new BatchBuffer(kernels, maxBatch, bottom);
    dv = new BatchBuffer(kernels, maxBatch, bottom);
  }

  @Override public boolean analyticKl() { return false; }

  @Override public void freeze(boolean frozen) { topPrior.freeze(frozen); }

  @Override
  public double kl(PosteriorSample s, double scale, INDArray perExample) {
    return sampledKl(s, MixtureKl.uniform(scale, s.z().size(0)), perExample);
  }

  @Override
  public double sampledKl(PosteriorSample s, double[] rowScales, INDArray perExample) {
    int n = (int) s.z().size(0);
    double[] z = HostArrays.read(s.z(), null);
    double[] eps = HostArrays.read(s.eps(), null);
    double[] lv = HostArrays.read(s.logVar(), null);
    INDArray[] v = new INDArray[7];
    for (int i = 0; i < 7; i++) v[i] = slice[i].rows(n);
    HostArrays.write(columns(HostArrays.read(s.mean(), null), n, d, bottom, d), v[0]);
    HostArrays.write(columns(lv, n, d, bottom, d), v[1]);
    HostArrays.write(columns(eps, n, d, bottom, d), v[2]);
    HostArrays.write(columns(z, n, d, bottom, d), v[3]);
    for (int i = 4; i < 7; i++) v[i].assign(0);
    INDArray topKl = topRows.rows(n).reshape(n);
    topPrior.sampledKl(new PosteriorSample(v[0], v[1], v[2], v[3], v[4], v[5], v[6]), rowScales, topKl);
    double[] rows = HostArrays.read(topKl, null);
    net.forward(v[3]);
    double[] mp = HostArrays.read(net.mean(), null);
    double[] lvp = HostArrays.read(net.logVar(), null);
    double[] gz = rowScales == null ? null : new double[n * d];
    double[] glv = rowScales == null ? null : new double[n * d];
    double[] gm = rowScales == null ? null : new double[n * bottom];
    double[] gv = rowScales == null ? null : new double[n * bottom];
    double total = 0;
    for (int r = 0; r < n; r++) {
      double sum = 0;
      for (int j = 0; j < bottom; j++) {
        int f = r * d + j;
        int b = r * bottom + j;
        double diff = z[f] - mp[b];
        double prec = Math.exp(-lvp[b]);
        sum += -0.5 * (lv[f] + eps[f] * eps[f]) + 0.5 * (lvp[b] + diff * diff * prec);
        if (gz != null) {
          double c = rowScales[r];
          gz[f] = c * diff * prec;
          glv[f] = -0.5 * c;
          gm[b] = -c * diff * prec;
          gv[b] = 0.5 * c * (1 - diff * diff * prec);
        }
      }
      rows[r] += sum;
      total += rows[r];
    }
    if (perExample != null) HostArrays.write(rows, perExample);
    if (gz != null) {
      INDArray dmA = dm.rows(n);
      INDArray dvA = dv.rows(n);
      HostArrays.write(gm, dmA);
      HostArrays.write(gv, dvA);
      net.backward(dmA, dvA);
      double[] viaNet = HostArrays.read(net.inputGradient(), null);
      double[] topDz = HostArrays.read(v[6], null);
      double[] topDlv = HostArrays.read(v[5], null);
      double[] topDm = HostArrays.read(v[4], null);
      double[] gMean = new double[n * d];
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < top; j++) {
          int f = r * d + bottom + j;
          int t = r * top + j;
          gz[f] = topDz[t] + viaNet[t];
          glv[f] = topDlv[t];
          gMean[f] = topDm[t];
        }
      }
      addInto(s.dZ(), gz);
      addInto(s.dLogVar(), glv);
      addInto(s.dMean(), gMean);
    }
    return total;
  }

  private static void addInto(INDArray target, double[] add) {
    double[] t = HostArrays.read(target, null);
    for (int i = 0; i < add.length; i++) t[i] += add[i];
    HostArrays.write(t, target);
  }

  @Override
  public void logDensity(INDArray z, INDArray out) {
    for (long from = 0; from < z.size(0); from += maxRows) {
      long to = Math.min(z.size(0), from + maxRows);
      logDensityOfRows(z.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), out.get(NDArrayIndex.interval(from, to)));
    }
  }

  private void logDensityOfRows(INDArray z, INDArray out) {
    int n = (int) z.size(0);
    double[] zs = HostArrays.read(z, null);
    INDArray z2 = slice[3].rows(n);
    HostArrays.write(columns(zs, n, d, bottom, d), z2);
    INDArray topLog = topRows.rows(n).reshape(n);
    topPrior.logDensity(z2, topLog);
    double[] rows = HostArrays.read(topLog, null);
    net.forward(z2);
    double[] mp = HostArrays.read(net.mean(), null);
    double[] lvp = HostArrays.read(net.logVar(), null);
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < bottom; j++) {
        double diff = zs[r * d + j] - mp[r * bottom + j];
        rows[r] -= 0.5 * (LOG_2PI + lvp[r * bottom + j] + diff * diff * Math.exp(-lvp[r * bottom + j]));
      }
    }
    HostArrays.write(rows, out);
  }

  @Override
  public void sample(INDArray z, Random rng) {
    for (long from = 0; from < z.size(0); from += maxRows) {
      sampleRows(z.get(NDArrayIndex.interval(from, Math.min(z.size(0), from + maxRows)), NDArrayIndex.all()), rng);
    }
  }

  private void sampleRows(INDArray z, Random rng) {
    int n = (int) z.size(0);
    INDArray z2 = slice[3].rows(n);
    topPrior.sample(z2, rng);
    net.forward(z2);
    double[] top2 = HostArrays.read(z2, null);
    double[] mp = HostArrays.read(net.mean(), null);
    double[] lvp = HostArrays.read(net.logVar(), null);
    double[] out = new double[n * d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < bottom; j++) {
        int b = r * bottom + j;
        out[r * d + j] = mp[b] + Math.exp(0.5 * lvp[b]) * rng.nextGaussian();
      }
      System.arraycopy(top2, r * top, out, r * d + bottom, top);
    }
    HostArrays.write(out, z);
  }
}
