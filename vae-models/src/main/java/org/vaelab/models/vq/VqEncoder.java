package org.vaelab.models.vq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.Dense;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Layer;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.Parameterised;
import org.vaelab.api.engine.PosteriorFamily;

/**
 * A vector-quantised encoder: a backbone and a linear head give z_e ({@code slots} vectors of
 * {@code codeDim}); each is replaced by its nearest codebook entry, and z_q goes to the decoder. The
 * gradient is straight-through with a commitment term; the codebook learns from its loss or by EMA.
 * Its posterior is categorical: the KL against a prior over codes is −log p(codes) (slots·log K if uniform).
 */
final class VqEncoder implements Encoder {
  private final Layer body;
  private final Dense head;
  private final VqEncoderConfig c;
  private final Quantizer quantizer;
  private final java.util.Random resetRng = new java.util.Random(0);
  private INDArray codebook;
  private INDArray dCodebook;
  private INDArray emaCount;
  private INDArray emaSum;
  private Kernels kernels;
  private BatchBuffer cross;
  private BatchBuffer zq;
  private BatchBuffer zeros;
  private BatchBuffer dZe;
  private double[][] lastZe;
  private double[][] lastZq;
  private double[] hostDots;
  private long steps;
  private int lastReset;
  private final PosteriorFamily family;

  VqEncoder(Layer body, VqEncoderConfig c) {
    this.body = body;
    this.c = c;
    this.head = new Dense(body.outputSize(), (long) c.slots() * c.codeDim(), Activation.IDENTITY);
    this.quantizer = new Quantizer(c.slots(), c.codeDim(), c.codes(), c.commitment());
    this.family = new PosteriorFamily.Categorical(c.slots(), c.codes(), new PosteriorFamily.CodeBook() {
      @Override public int[][] lastCodes() { return codesOfLastBatch(); }

      @Override public void embed(int[][] codes, INDArray z) { embedCodes(codes, z); }
    });
    body.setInputGradient(false);
  }

  @Override public PosteriorFamily family() { return family; }

  @Override public long inputSize() { return body.inputSize(); }

  @Override public int latentDim() { return c.slots() * c.codeDim(); }

  @Override
  public List<ParamSpec> params() {
    List<ParamSpec> all = new ArrayList<>(body.params());
    head.params().forEach(p -> all.add(p.prefixed("ze.")));
    long[] kd = {c.codes(), c.codeDim()};
    // codebook ~ U(-1/K, 1/K) as in the paper's code; the EMA state is kept as parameters so checkpoints hold it
    all.add(new ParamSpec("codebook", kd, ParamSpec.Init.FAN_IN_UNIFORM, (long) c.codes() * c.codes()));
    all.add(new ParamSpec("emaCount", new long[] {1, c.codes()}, ParamSpec.Init.ZEROS, 1));
    all.add(new ParamSpec("emaSum", kd, ParamSpec.Init.ZEROS, 1));
    return all;
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    int n = Parameterised.bindInOrder(values, grads, List.of(body, head));
    codebook = values.get(n);
    dCodebook = grads.get(n);
    emaCount = values.get(n + 1);
    emaSum = values.get(n + 2);
  }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    body.plan(maxBatch, kernels);
    head.plan(maxBatch, kernels);
    this.kernels = kernels;
    cross = new BatchBuffer(kernels, maxBatch * c.slots(), c.codes());
    zq = new BatchBuffer(kernels, maxBatch, latentDim());
    zeros = new BatchBuffer(kernels, maxBatch, latentDim());
    dZe = new BatchBuffer(kernels, maxBatch, latentDim());
  }

  @Override
  public void forward(INDArray x) {
    INDArray ze = head.forward(body.forward(x));
    int n = (int) ze.size(0);
    // every slot against every code in one product: [n·slots, D] x [K, D]^T
    INDArray dots = cross.rows((long) n * c.slots());
    kernels.gemm(ze.reshape((long) n * c.slots(), c.codeDim()), codebook, dots, false, true, 1, 0);
    // host copies without ND4J ops, whose per-call cost dominated the VQ step
    lastZe = HostArrays.readRows(ze, null);
    lastZq = new double[n][latentDim()];
    hostDots = HostArrays.read(dots, hostDots);
    quantizer.quantize(lastZe, HostArrays.readRows(codebook, null), hostDots, lastZq);
    HostArrays.writeRows(lastZq, zq.rows(x.size(0)));
  }

  @Override public INDArray mean() { return zq.rows(lastZe.length); }

  /** The last batch's encoder outputs before quantisation (for tests). */
  double[][] unquantized() { return lastZe; }

  /** The code each slot of the last batch took (for tests). */
  int[][] assignment() { return quantizer.assignment(); }

  /** Zeros: there is no posterior variance. */
  @Override public INDArray logVar() { return zeros.rows(lastZe.length); }

  @Override
  public void backward(INDArray dMean, INDArray dLogVar) {
    int n = lastZe.length;
    double[][] dz = new double[n][latentDim()];
    double[][] book = HostArrays.readRows(codebook, null);
    double[][] dBook = c.ema() ? null : new double[c.codes()][c.codeDim()];
    quantizer.backward(lastZe, lastZq, HostArrays.readRows(dMean, null), dz, dBook);
    if (c.ema()) {
      double[] count = HostArrays.read(emaCount, null);
      double[][] sum = HostArrays.readRows(emaSum, null);
      quantizer.emaUpdate(lastZe, book, count, sum, c.decay());
      HostArrays.write(count, emaCount);
      HostArrays.writeRows(sum, emaSum);
    } else {
      dCodebook.addi(Nd4j.createFromArray(dBook).castTo(dCodebook.dataType()));
    }
    steps++;
    int reset = 0;
    if (c.resetEvery() > 0 && steps % c.resetEvery() == 0) {
      reset = quantizer.resetDeadCodes(lastZe, book, resetRng);
      if (c.ema() && reset > 0) emaCount.assign(0);  // restart the averages from the moved codes
    }
    lastReset = reset;
    if (c.ema() || reset > 0) HostArrays.writeRows(book, codebook);
    INDArray dHead = dZe.rows(n);
    HostArrays.writeRows(dz, dHead);
    body.backward(head.backward(dHead));
  }

  @Override
  public Map<String, Double> diagnostics() {
    return Map.of("vq/perplexity", quantizer.perplexity(), "vq/codes_used", quantizer.usedFraction(),
        "vq/commitment", quantizer.commitment(), "vq/codes_reset", (double) lastReset);
  }

  private int[][] codesOfLastBatch() {
    int[][] all = quantizer.assignment();
    int[][] out = new int[lastZe.length][];
    for (int b = 0; b < out.length; b++) out[b] = all[b].clone();
    return out;
  }

  private void embedCodes(int[][] codes, INDArray z) {
    double[][] book = HostArrays.readRows(codebook, null);
    double[][] rows = new double[codes.length][latentDim()];
    for (int b = 0; b < codes.length; b++) {
      for (int j = 0; j < c.slots(); j++) System.arraycopy(book[codes[b][j]], 0, rows[b], j * c.codeDim(), c.codeDim());
    }
    HostArrays.writeRows(rows, z);
  }
}
