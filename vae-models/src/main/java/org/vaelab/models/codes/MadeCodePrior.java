package org.vaelab.models.codes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.CodePrior;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.Parameterised;

/**
 * An autoregressive prior over the code slots: p(c) = Π_j p(c_j | c_<j), each factor a softmax over
 * the K codes from a masked MLP over the one-hot slot sequence (MADE with categorical blocks). The
 * output layer starts at zero, so the untrained prior is exactly uniform.
 */
final class MadeCodePrior implements CodePrior {
  private final int latentDim;
  private final ArCodePriorConfig c;
  private final List<MaskedLinear> layers = new ArrayList<>();
  private int slots;
  private int codes;
  private int maxRows;
  private BatchBuffer input;
  private double[] hostIn;
  private double[] hostLogits;
  private double[] hostDLogits;
  private BatchBuffer dLogits;

  MadeCodePrior(int latentDim, ArCodePriorConfig c) {
    this.latentDim = latentDim;
    this.c = c;
  }

  @Override public int latentDim() { return latentDim; }

  @Override
  public void attachCodes(int slots, int codes) {
    this.slots = slots;
    this.codes = codes;
    int inputs = slots * codes;
    int[] degrees = new int[inputs];
    for (int i = 0; i < inputs; i++) degrees[i] = i / codes + 1;
    int prev = inputs;
    for (int width : c.hiddenDims()) {
      int[] hidden = new int[width];
      for (int h = 0; h < width; h++) hidden[h] = 1 + h % Math.max(1, slots - 1);
      boolean[][] m = new boolean[prev][width];
      for (int i = 0; i < prev; i++) for (int h = 0; h < width; h++) m[i][h] = hidden[h] >= degrees[i];
      layers.add(new MaskedLinear(m, Activation.RELU, ParamSpec.Init.FAN_IN_UNIFORM));
      degrees = hidden;
      prev = width;
    }
    boolean[][] m = new boolean[prev][inputs];
    for (int i = 0; i < prev; i++) for (int o = 0; o < inputs; o++) m[i][o] = o / codes + 1 > degrees[i];
    layers.add(new MaskedLinear(m, Activation.IDENTITY, ParamSpec.Init.ZEROS));
  }

  @Override
  public List<ParamSpec> params() {
    if (layers.isEmpty()) throw new IllegalStateException("attachCodes comes before params");
    List<ParamSpec> all = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      for (ParamSpec p : layers.get(l).params()) all.add(p.prefixed("made." + l + "."));
    }
    return all;
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    Parameterised.bindInOrder(values, grads, layers);
  }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    maxRows = Math.max(maxBatch, c.batchSize());
    for (MaskedLinear l : layers) l.plan(maxRows, kernels);
    input = new BatchBuffer(kernels, maxRows, (long) slots * codes);
    dLogits = new BatchBuffer(kernels, maxRows, (long) slots * codes);
  }

  @Override
  public Optional<Fit> fit() {
    return Optional.of(new Fit(c.epochs(), c.batchSize(), c.lr()));
  }

  @Override
  public void logProb(int[][] rows, double[] out, double gradScale) {
    if (gradScale == 0 && layers.get(layers.size() - 1).isZero()) {
      // not fitted yet (the whole first stage): exactly uniform, without the network
      java.util.Arrays.fill(out, 0, rows.length, -slots * Math.log(codes));
      return;
    }
    for (int from = 0; from < rows.length; from += maxRows) {
      int n = Math.min(maxRows, rows.length - from);
      double[] logits = logits(rows, from, n);
      int width = slots * codes;
      double[] d = gradScale == 0 ? null : (hostDLogits = sized(hostDLogits, n * width));
      for (int r = 0; r < n; r++) {
        double sum = 0;
        for (int j = 0; j < slots; j++) {
          int at = r * width + j * codes;
          double lse = logSumExp(logits, at, 1.0);
          sum += logits[at + rows[from + r][j]] - lse;
          if (d != null) {
            for (int q = 0; q < codes; q++) d[at + q] = -gradScale * Math.exp(logits[at + q] - lse);
            d[at + rows[from + r][j]] += gradScale;
          }
        }
        out[from + r] = sum;
      }
      if (d != null) {
        INDArray g = dLogits.rows(n);
        HostArrays.write(d, g);
        INDArray back = g;
        for (int l = layers.size() - 1; l >= 0; l--) back = layers.get(l).backward(back, l > 0);
      }
    }
  }

  @Override
  public int[][] sample(int n, double temperature, RandomGenerator rng) {
    int[][] drawn = new int[n][slots];
    for (int from = 0; from < n; from += maxRows) {
      int b = Math.min(maxRows, n - from);
      for (int j = 0; j < slots; j++) {
        double[] logits = logits(drawn, from, b);  // slot j's logits see only slots < j, already drawn
        for (int r = 0; r < b; r++) {
          int at = r * slots * codes + j * codes;
          double lse = logSumExp(logits, at, temperature);
          double u = rng.nextDouble();
          int q = 0;
          for (double cum = Math.exp(logits[at] / temperature - lse); cum < u && q < codes - 1; ) {
            q++;
            cum += Math.exp(logits[at + q] / temperature - lse);
          }
          drawn[from + r][j] = q;
        }
      }
    }
    return drawn;
  }

  private double[] logits(int[][] rows, int from, int n) {
    int width = slots * codes;
    double[] x = hostIn = sized(hostIn, n * width);
    java.util.Arrays.fill(x, 0, n * width, 0);
    for (int r = 0; r < n; r++) for (int j = 0; j < slots; j++) x[r * width + j * codes + rows[from + r][j]] = 1;
    INDArray in = input.rows(n);
    HostArrays.write(x, in);
    INDArray h = in;
    for (MaskedLinear l : layers) h = l.forward(h);
    return hostLogits = HostArrays.read(h, hostLogits);
  }

  private double logSumExp(double[] v, int at, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (int q = 0; q < codes; q++) max = Math.max(max, v[at + q] / temperature);
    double s = 0;
    for (int q = 0; q < codes; q++) s += Math.exp(v[at + q] / temperature - max);
    return max + Math.log(s);
  }

  private static double[] sized(double[] a, int n) {
    return a != null && a.length >= n ? a : new double[n];
  }
}
