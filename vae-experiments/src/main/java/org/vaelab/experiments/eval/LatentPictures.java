package org.vaelab.experiments.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.data.Dataset;
import org.vaelab.experiments.model.VaeModel;

/**
 * Pictures of the latent space from the posterior means of test examples: {@code latent_scatter}
 * (the means, or their first two principal components, coloured by label) and, for single-channel
 * images, {@code latent_traversal} (decodes along each of the most active dimensions).
 */
public final class LatentPictures {
  private LatentPictures() {}

  /** The pictures for the posterior means {@code means} of the first test examples, by name. */
  public static Map<String, byte[]> of(VaeModel model, Dataset data, INDArray means) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    double[][] points = Projection.twoDimensions(means.toDoubleMatrix());
    String[] axes = means.size(1) <= 2 ? new String[] {"z0", "z1"} : new String[] {"PC1", "PC2"};
    int[] labels = data.testLabels() == null ? null : java.util.Arrays.copyOf(data.testLabels(), points.length);
    out.put("latent_scatter", Plots.scatter(points, labels, axes[0] + " of E[z|x]", axes[1]));
    int[] shape = data.imageShape();
    if (shape != null && shape[0] == 1) {
      out.put("latent_traversal", Traversal.picture(model, means.getRow(0), LatentMeans.variances(means), shape));
    }
    return out;
  }

  /** The same for the first {@code examples} test examples, encoded now. */
  public static Map<String, byte[]> of(VaeModel model, Dataset data, int examples) {
    INDArray x = data.testX();
    long n = Math.min(examples, x.size(0));
    return of(model, data, LatentMeans.of(model, x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
        org.nd4j.linalg.indexing.NDArrayIndex.all())));
  }
}
