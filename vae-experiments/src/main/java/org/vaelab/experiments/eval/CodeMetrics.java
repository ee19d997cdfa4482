package org.vaelab.experiments.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.engine.PosteriorFamily;
import org.vaelab.experiments.model.VaeModel;

/**
 * What a categorical (VQ) posterior's evaluation can say: the negative log-likelihood bound
 * −log p(x|codes) − log p(codes) under the model's prior over codes and under the uniform one, in
 * nats and bits per dimension, and how the test set uses the codebook.
 */
final class CodeMetrics {
  private CodeMetrics() {}

  static Map<String, Double> of(VaeModel model, INDArray x, long seed) {
    var family = (PosteriorFamily.Categorical) model.family();
    int n = (int) x.size(0);
    var rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    double recon = 0;
    double kl = 0;
    for (int from = 0; from < n; from += model.maxBatch()) {
      int b = Math.min(model.maxBatch(), n - from);
      VaeModel.Terms t = model.evaluate(x.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()), rng, null, null);
      recon += t.recon();
      kl += t.kl();
    }
    double uniform = family.slots() * Math.log(family.codes());
    double bitsPerNat = 1 / (x.size(1) * Math.log(2));
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("nll_bound", (kl - recon) / n);
    m.put("nll_bound_uniform", uniform - recon / n);
    m.put("bpd_bound", (kl - recon) / n * bitsPerNat);
    m.put("bpd_bound_uniform", (uniform - recon / n) * bitsPerNat);
    long[] counts = new long[family.codes()];
    for (int[] row : model.codes(x)) for (int c : row) counts[c]++;
    double total = (double) n * family.slots();
    double entropy = 0;
    int used = 0;
    for (long c : counts) {
      if (c == 0) continue;
      used++;
      entropy -= c / total * Math.log(c / total);
    }
    m.put("codebook_perplexity", Math.exp(entropy));
    m.put("codebook_usage", used / (double) family.codes());
    return m;
  }
}
