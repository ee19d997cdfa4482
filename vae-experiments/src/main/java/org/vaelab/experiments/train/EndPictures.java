package org.vaelab.experiments.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.track.LoggedImages;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.eval.LatentPictures;
import org.vaelab.experiments.model.Pictures;
import org.vaelab.experiments.model.Seeds;
import org.vaelab.experiments.model.VaeModel;

/**
 * Prior samples and test reconstructions (or a scatter for 2-D data): as MLflow images per step at
 * every evaluation epoch, and as plain artifacts at the end of a run.
 */
final class EndPictures {
  /** Test examples in the latent pictures logged at each evaluation epoch. */
  private static final int LATENT_EXAMPLES = 1000;

  private EndPictures() {}

  /** Samples and reconstructions of the trained model, as artifacts and (if {@code asImages}) as images at {@code step}. */
  static void log(VaeModel model, Dataset data, long seed, Tracker tracker, long step, boolean asImages) {
    logged(model, data, seed, step, (name, png) -> {
      tracker.logArtifact(name + ".png", png);
      if (asImages) LoggedImages.log(tracker, name, step, png);
    });
  }

  /** Samples, reconstructions and latent pictures at an evaluation epoch, as MLflow images at {@code step}. */
  static void images(VaeModel model, Dataset data, long seed, Tracker tracker, long step) {
    logged(model, data, seed, step, (name, png) -> LoggedImages.log(tracker, name, step, png));
    LatentPictures.of(model, data, LATENT_EXAMPLES).forEach((name, png) -> LoggedImages.log(tracker, name, step, png));
  }

  private static void logged(VaeModel model, Dataset data, long seed, long step,
      java.util.function.BiConsumer<String, byte[]> out) {
    int[] shape = data.imageShape();
    int count = Math.min(64, model.maxBatch());
    INDArray z = Nd4j.create(model.parameters().values().dataType(), count, model.latentDim());
    var rng = Nd4j.getRandomFactory().getNewRandomInstance(Seeds.derive(seed, Seeds.SAMPLES, 0));
    model.samplePrior(z, rng, 1.0);
    INDArray samples = Nd4j.create(z.dataType(), count, data.valuesPerExample());
    model.decodeMean(z, samples);
    if (shape != null && shape[0] == 1) {
      out.accept("samples", Pictures.grid(samples, shape[1], shape[2], 8));
      int pairs = (int) Math.min(Math.min(32, model.maxBatch()), data.testX().size(0)) / 8 * 8;
      if (pairs > 0) out.accept("reconstructions", reconstructions(model, data, pairs, shape));
    } else if (data.valuesPerExample() == 2) {
      out.accept("samples", Pictures.scatter(data.testX(), samples));
    }
  }

  private static byte[] reconstructions(VaeModel model, Dataset data, int count, int[] shape) {
    INDArray x = data.testX().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, count),
        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
    model.encoder().forward(x);
    INDArray rec = Nd4j.create(x.dataType(), count, data.valuesPerExample());
    INDArray z = Nd4j.create(x.dataType(), count, model.latentDim());
    model.flowAtNoNoise(model.encoder().mean(), z);  // the posterior's z at zero noise, through its flow
    model.decodeMean(z, rec);
    return Pictures.pairs(x, rec, shape[1], shape[2]);
  }
}
