package org.vaelab.experiments.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Layer;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.Objective;
import org.vaelab.api.engine.PosteriorBatch;
import org.vaelab.api.engine.PosteriorSample;
import org.vaelab.api.engine.Prior;

/**
 * A training step of an objective that weighs samples (IWAE) or draws several per example: the k
 * samples of a batch of B run through the decoder, likelihood and prior as one batch of k·B rows
 * (row i·B + b), the objective turns their terms into per-row gradient weights, and the gradients
 * w.r.t. the posterior's mean and log-variance are summed back over the k copies.
 */
final class SampledObjective {
  private final Objective objective;
  private final Layer decoder;
  private final Prior prior;
  private final Likelihood likelihood;
  private final FlowPass flow;
  private final Kernels k;
  private final int samples;
  private final int latent;
  private final long datasetSize;
  private final BatchBuffer xs;
  private final BatchBuffer means;
  private final BatchBuffer logVars;
  private final BatchBuffer eps;
  private final BatchBuffer z;
  private final BatchBuffer dMeans;
  private final BatchBuffer dLogVars;
  private final BatchBuffer dParams;
  private final BatchBuffer rowTerms;  // row 0: recon, 1: kl, 2: the weight being applied
  private final BatchBuffer zScratch;

  SampledObjective(Objective objective, Layer decoder, Prior prior, Likelihood likelihood, FlowPass flow,
      Kernels kernels, int maxBatch, long values, int latent, long datasetSize) {
    this.flow = flow;
    this.latent = latent;
    this.datasetSize = datasetSize;
    this.objective = objective;
    this.decoder = decoder;
    this.prior = prior;
    this.likelihood = likelihood;
    this.k = kernels;
    this.samples = objective.samples();
    int rows = samples * maxBatch;
    xs = new BatchBuffer(kernels, rows, values);
    means = new BatchBuffer(kernels, rows, latent);
    logVars = new BatchBuffer(kernels, rows, latent);
    eps = new BatchBuffer(kernels, rows, latent);
    z = new BatchBuffer(kernels, rows, latent);
    dMeans = new BatchBuffer(kernels, rows, latent);
    dLogVars = new BatchBuffer(kernels, rows, latent);
    dParams = new BatchBuffer(kernels, rows, decoder.outputSize());
    zScratch = new BatchBuffer(kernels, rows, latent);
    rowTerms = new BatchBuffer(kernels, 3, rows);
  }

  /**
   * One step at the posterior N(mu, exp(lv)) of {@code x}: parameter gradients of the decoder,
   * likelihood and prior are added to the store, those w.r.t. mu and lv written into dMu and dLv.
   */
  VaeModel.Terms step(INDArray x, INDArray mu, INDArray lv, double beta, Random rng, INDArray dMu, INDArray dLv) {
    int n = (int) x.size(0);
    int rows = samples * n;
    INDArray xt = tile(x, xs.rows(rows), n);
    INDArray mt = tile(mu, means.rows(rows), n);
    INDArray lt = tile(lv, logVars.rows(rows), n);
    INDArray e = eps.rows(rows);
    INDArray zt = z.rows(rows);
    k.normal(e, rng);
    k.reparameterize(mt, lt, e, zt);
    INDArray zf = flow == null ? zt : flow.forward(zt);
    INDArray params = decoder.forward(zf);
    INDArray dp = dParams.rows(rows);
    INDArray terms = rowTerms.rows(3);
    INDArray reconRows = terms.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, rows));
    INDArray klRows = terms.get(NDArrayIndex.point(1), NDArrayIndex.interval(0, rows));
    INDArray weights = terms.get(NDArrayIndex.point(2), NDArrayIndex.interval(0, rows));
    // parameter-free likelihood (useObjective checks): its unit-scale gradient is weighed per row below
    likelihood.logLikelihood(params, xt, dp, 1.0, reconRows);
    INDArray dm = dMeans.rows(rows).assign(0);
    INDArray dl = dLogVars.rows(rows).assign(0);
    PosteriorSample values = new PosteriorSample(mt, lt, e, zf, dm, dl, zScratch.rows(rows));
    if (flow == null) {
      sampledKl(values, null, klRows);
    } else {
      flow.kl(values, null, klRows);
    }
    double[] r = HostArrays.read(reconRows, null);
    double[] c = HostArrays.read(klRows, null);
    double[] wr = new double[rows];
    double[] wk = new double[rows];
    double loss = objective.weigh(r, c, n, beta, wr, wk);
    HostArrays.write(wr, weights);
    dp.muliColumnVector(weights.reshape(rows, 1));
    INDArray dz = decoder.backward(dp);
    sampledKl(new PosteriorSample(mt, lt, e, zf, dm, dl, dz), wk, null);
    if (flow != null) dz = flow.backward(dz, wk);
    if (objective.hasBatchTerm()) loss += batchTerm(zt, mu, lv, n, dz, dm, dl);
    k.reparameterizeBackward(dz, lt, e, dm, dl);
    fold(dm, dMu, n);
    fold(dl, dLv, n);
    double reconSum = 0;
    double klSum = 0;
    for (int i = 0; i < rows; i++) {
      reconSum += r[i];
      klSum += c[i];
    }
    return new VaeModel.Terms(reconSum / samples, klSum / samples, loss * n);
  }

  /**
   * The objective's batch term: its z gradient is added into dz, its mean and log-variance
   * gradients into the first sample's rows of dm and dl (the fold then carries them over).
   */
  private double batchTerm(INDArray zt, INDArray mu, INDArray lv, int n, INDArray dz, INDArray dm, INDArray dl) {
    INDArray dmFirst = dm.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    INDArray dlFirst = dl.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    double[] gz = HostArrays.read(dz, null);
    double[] gm = HostArrays.read(dmFirst, null);
    double[] gl = HostArrays.read(dlFirst, null);
    PosteriorBatch p = new PosteriorBatch(HostArrays.read(zt, null), HostArrays.read(mu, null), HostArrays.read(lv, null),
        n, latent, datasetSize);
    double value = objective.batchTerm(p, gz, gm, gl);
    HostArrays.write(gz, dz);
    HostArrays.write(gm, dmFirst);
    HostArrays.write(gl, dlFirst);
    return value;
  }

  /** The prior's sampled KL, a prior that cannot weigh it per sample refused in one line. */
  private void sampledKl(PosteriorSample s, double[] rowScales, INDArray perRow) {
    if (flow != null) {
      FlowPass.priorKl(prior, s, rowScales, perRow);
      return;
    }
    try {
      prior.sampledKl(s, rowScales, perRow);
    } catch (UnsupportedOperationException e) {
      throw new org.vaelab.api.config.ConfigException("objective.type: this objective needs the prior's KL per"
          + " sample, which the prior cannot give: " + e.getMessage());
    }
  }

  /** Draws from {@code rng} what {@link #step} draws for a batch of {@code n}. */
  void skipNoise(int n, Random rng) {
    k.normal(eps.rows((long) samples * n), rng);
  }

  private INDArray tile(INDArray a, INDArray out, int n) {
    for (int i = 0; i < samples; i++) out.get(NDArrayIndex.interval(i * n, (i + 1) * n), NDArrayIndex.all()).assign(a);
    return out;
  }

  private void fold(INDArray tiled, INDArray out, int n) {
    out.assign(tiled.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()));
    for (int i = 1; i < samples; i++) out.addi(tiled.get(NDArrayIndex.interval(i * n, (i + 1) * n), NDArrayIndex.all()));
  }
}
