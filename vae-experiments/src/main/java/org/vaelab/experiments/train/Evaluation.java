package org.vaelab.experiments.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.experiments.model.BatchSource;
import org.vaelab.experiments.model.VaeModel;

/**
 * ELBO with beta = 1 on a held-out set (one posterior sample per example, fixed noise), its two
 * terms, and the KL of each latent dimension against N(0, 1) averaged over examples.
 *
 * @param elbo        mean ELBO per example, nats
 * @param recon       mean E_q[log p(x|z)] per example, nats
 * @param kl          mean KL(q(z|x) || p(z)) per example, nats
 * @param klPerDim    per-dimension KL against N(0, 1), mean per example
 */
record Evaluation(double elbo, double recon, double kl, double[] klPerDim) {
  /** Evaluates on {@code x}, copying its batches through {@code batches} (no array allocated per batch). */
  static Evaluation of(VaeModel model, INDArray x, long seed, BatchSource batches) {
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    int n = (int) x.size(0);
    int batch = model.maxBatch();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    batches.use(x);
    double recon = 0;
    double kl = 0;
    int d = model.latentDim();
    double[] perDim = new double[d];
    double[] mu = null;
    double[] lv = null;
    boolean posterior = model.family().hasDensity();
    try (VaeModel.Frozen fixed = model.frozen()) {
      for (int from = 0; from < n; from += batch) {
        int b = Math.min(batch, n - from);
        VaeModel.Terms t = model.evaluate(batches.batch(order, from, b), rng, null, null);
        recon += t.recon();
        kl += t.kl();
        if (!posterior) continue;  // no posterior: no per-dimension KL
        mu = HostArrays.read(model.encoder().mean(), mu);
        lv = HostArrays.read(model.encoder().logVar(), lv);
        for (int i = 0; i < b * d; i++) perDim[i % d] += 0.5 * (mu[i] * mu[i] + Math.exp(lv[i]) - lv[i] - 1.0);
      }
    }
    for (int j = 0; j < d; j++) perDim[j] /= n;
    return new Evaluation((recon - kl) / n, recon / n, kl / n, posterior ? perDim : new double[0]);
  }
}
