package org.vaelab.experiments.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.model.Pictures;
import org.vaelab.experiments.model.Seeds;
import org.vaelab.experiments.model.VaeModel;

/** The pictures logged at the end of a run: prior samples and test reconstructions (or a scatter for 2-D data). */
final class EndPictures {
  private EndPictures() {}

  /** Samples and reconstructions of the trained model, logged as artifacts. */
  static void log(VaeModel model, Dataset data, long seed, Tracker tracker) {
    int[] shape = data.imageShape();
    int count = Math.min(64, model.maxBatch());
    INDArray z = Nd4j.create(model.parameters().values().dataType(), count, model.latentDim());
    var rng = Nd4j.getRandomFactory().getNewRandomInstance(Seeds.derive(seed, Seeds.SAMPLES, 0));
    if (!model.encoder().samplePrior(z, rng)) model.prior().sample(z, rng);  // VQ: codes drawn uniformly
    INDArray samples = Nd4j.create(z.dataType(), count, data.valuesPerExample());
    model.decodeMean(z, samples);
    if (shape != null && shape[0] == 1) {
      tracker.logArtifact("samples.png", Pictures.grid(samples, shape[1], shape[2], 8));
      int pairs = (int) Math.min(Math.min(32, model.maxBatch()), data.testX().size(0)) / 8 * 8;
      if (pairs > 0) tracker.logArtifact("reconstructions.png", reconstructions(model, data, pairs, shape));
    } else if (data.valuesPerExample() == 2) {
      tracker.logArtifact("samples.png", Pictures.scatter(data.testX(), samples));
    }
  }

  private static byte[] reconstructions(VaeModel model, Dataset data, int count, int[] shape) {
    INDArray x = data.testX().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, count),
        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
    model.encoder().forward(x);
    INDArray rec = Nd4j.create(x.dataType(), count, data.valuesPerExample());
    model.decodeMean(model.encoder().mean(), rec);
    INDArray both = Nd4j.create(x.dataType(), 2L * count, data.valuesPerExample());
    for (int r = 0; r < count / 8; r++) {
      for (int c = 0; c < 8; c++) {
        both.putRow(16L * r + c, x.getRow(8L * r + c));
        both.putRow(16L * r + 8 + c, rec.getRow(8L * r + c));
      }
    }
    return Pictures.grid(both, shape[1], shape[2], 8);
  }
}
