package org.vaelab.api.engine;

/**
 * A batch's posteriors and samples, row-major on the host, for an objective's batch term.
 *
 * @param z            samples, {@code [rows, latent]}, row r = i·examples + b
 * @param mean         posterior means, {@code [examples, latent]}
 * @param logVar       posterior log-variances, {@code [examples, latent]}
 * @param examples     examples in the batch
 * @param latent       latent dimensions
 * @param datasetSize  training examples in the dataset (for minibatch-weighted estimators)
 */
public record PosteriorBatch(double[] z, double[] mean, double[] logVar, int examples, int latent, long datasetSize) {
  public int rows() {
    return z.length / latent;
  }
}
