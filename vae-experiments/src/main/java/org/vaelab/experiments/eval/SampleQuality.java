package org.vaelab.experiments.eval;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.data.Binarization;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.experiments.model.VaeModel;
import org.vaelab.losses.estimate.ClassifierScore;
import org.vaelab.losses.estimate.FrechetDistance;

/**
 * How good a model's prior samples are, in the feature space of a classifier of the same dataset
 * ({@link FeatureClassifier}): the Fréchet distance to the test images' features and the
 * classifier-based score. Not FID and not the Inception Score: the features are another network's.
 */
public final class SampleQuality {
  static final int SAMPLES = 10_000;

  private SampleQuality() {}

  /** Whether {@code data} has what the measures need: images and class labels. */
  static boolean applies(Dataset data) {
    return data.imageShape() != null && data.trainLabels() != null && data.testLabels() != null;
  }

  /**
   * {@code sample_fd} and {@code sample_score} of {@link #SAMPLES} prior samples (E[x|z]; for
   * binarised data, a Bernoulli draw from it, as the test images are binary).
   */
  static Map<String, Double> measure(VaeModel model, Dataset data, long seed, PrintStream out) {
    FeatureClassifier classifier = FeatureClassifier.of(data, model.kernels(), out);
    INDArray samples = samples(model, data, SAMPLES, seed);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("sample_fd", FrechetDistance.of(classifier.features(samples), classifier.features(data.testX())));
    m.put("sample_score", ClassifierScore.of(classifier.probabilities(samples)));
    return m;
  }

  /**
   * The measures' reference points on {@code data}, with {@code count} images each: real training
   * images against the test images (near the best), uniform noise (near the worst), and the
   * classifier's test accuracy. Keys: fd_real, fd_noise, score_real, score_noise, accuracy.
   */
  public static Map<String, Double> reference(Dataset data, Kernels k, int count, PrintStream out) {
    FeatureClassifier c = FeatureClassifier.of(data, k, out);
    INDArray real = data.trainX().get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
    double[] u = new double[count * (int) data.valuesPerExample()];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < u.length; i++) u[i] = r.nextDouble();
    INDArray noise = Nd4j.create(real.dataType(), count, data.valuesPerExample());
    HostArrays.write(u, noise);
    double[][] test = c.features(data.testX());
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("fd_real", FrechetDistance.of(c.features(real), test));
    m.put("fd_noise", FrechetDistance.of(c.features(noise), test));
    m.put("score_real", ClassifierScore.of(c.probabilities(real)));
    m.put("score_noise", ClassifierScore.of(c.probabilities(noise)));
    m.put("accuracy", c.accuracy(data.testX(), data.testLabels()));
    return m;
  }

  static INDArray samples(VaeModel model, Dataset data, int count, long seed) {
    INDArray samples = decoded(model, count, Nd4j.getRandomFactory().getNewRandomInstance(seed), 1.0, data.valuesPerExample());
    if (data.binarization() != Binarization.NONE) {
      double[] p = HostArrays.read(samples, null);
      SplittableRandom u = new SplittableRandom(seed + 1);
      for (int i = 0; i < p.length; i++) p[i] = u.nextDouble() < p[i] ? 1 : 0;
      HostArrays.write(p, samples);
    }
    return samples;
  }

  /** {@code count} prior samples decoded to E[x|z], drawn in batches of the model's size. */
  static INDArray decoded(VaeModel model, int count, Random rng, double temperature, long values) {
    INDArray samples = Nd4j.create(model.parameters().values().dataType(), count, values);
    for (int from = 0; from < count; from += model.maxBatch()) {
      int n = Math.min(model.maxBatch(), count - from);
      INDArray z = Nd4j.create(samples.dataType(), n, model.latentDim());
      model.samplePrior(z, rng, temperature);
      INDArray x = Nd4j.create(samples.dataType(), n, values);
      model.decodeMean(z, x);
      samples.get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all()).assign(x);
    }
    return samples;
  }
}
