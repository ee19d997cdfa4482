package org.vaelab.experiments.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Test-set ELBO with beta = 1 (one posterior sample per example, fixed noise), its two terms, and
 * the KL of each latent dimension against N(0, 1) averaged over examples.
 *
 * @param elbo        mean ELBO per example, nats
 * @param recon       mean E_q[log p(x|z)] per example, nats
 * @param kl          mean KL(q(z|x) || p(z)) per example, nats
 * @param klPerDim    per-dimension KL against N(0, 1), mean per example
 */
record Evaluation(double elbo, double recon, double kl, double[] klPerDim) {
  static Evaluation of(VaeModel model, INDArray x, long seed) {
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    long n = x.size(0);
    int batch = model.maxBatch();
    double recon = 0;
    double kl = 0;
    INDArray perDim = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, model.latentDim());
    for (long from = 0; from < n; from += batch) {
      long b = Math.min(batch, n - from);
      VaeModel.Terms t = model.evaluate(x.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()).dup('c'), rng, null, null);
      recon += t.recon();
      kl += t.kl();
      if (model.encoder().deterministic()) continue;  // no posterior: no per-dimension KL
      INDArray mu = model.encoder().mean();
      INDArray lv = model.encoder().logVar();
      INDArray d = mu.mul(mu).addi(Nd4j.math().exp(lv)).subi(lv).subi(1.0).muli(0.5);
      perDim.addi(d.sum(0).castTo(perDim.dataType()));
    }
    double[] klPerDim = model.encoder().deterministic() ? new double[0] : perDim.divi(n).toDoubleVector();
    return new Evaluation((recon - kl) / n, recon / n, kl / n, klPerDim);
  }
}
