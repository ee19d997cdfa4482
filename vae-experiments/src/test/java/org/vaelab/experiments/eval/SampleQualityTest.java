package org.vaelab.experiments.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.data.Binarization;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Nd4jKernels;
import org.vaelab.losses.estimate.ClassifierScore;
import org.vaelab.losses.estimate.FrechetDistance;

/** The sample-quality measures on 8x8 bars (horizontal or vertical): real images score near the best, noise near the worst. */
class SampleQualityTest {
  @TempDir Path cache;

  @BeforeEach
  void useTempCache() { System.setProperty("vaelab.cache", cache.toString()); }

  @AfterEach
  void restoreCache() { System.clearProperty("vaelab.cache"); }

  private static INDArray bars(int n, int[] labels, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][64];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(2);
      int at = r.nextInt(8);
      for (int j = 0; j < 8; j++) x[i][labels[i] == 0 ? at * 8 + j : j * 8 + at] = 1;
      for (int v = 0; v < 64; v++) x[i][v] = Math.min(1, x[i][v] + 0.1 * r.nextDouble());
    }
    return Nd4j.createFromArray(x).castTo(DataType.FLOAT);
  }

  @Test
  void realImagesScoreNearTheBestAndNoiseNearTheWorst() throws Exception {
    int[] trainLabels = new int[2000];
    int[] testLabels = new int[500];
    Dataset data = new Dataset("bars", "test", bars(2000, trainLabels, 1), trainLabels, bars(500, testLabels, 2), testLabels,
        new int[] {1, 8, 8}, Binarization.NONE);
    Kernels k = new Nd4jKernels(DataType.FLOAT);
    FeatureClassifier c = FeatureClassifier.of(data, k, new PrintStream(java.io.OutputStream.nullOutputStream()));
    assertTrue(c.accuracy(data.testX(), testLabels) > 0.95, "accuracy " + c.accuracy(data.testX(), testLabels));
    try (var files = Files.list(cache)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("classifier-" + FeatureClassifier.VERSION)));
    }
    FeatureClassifier cached = FeatureClassifier.of(data, k, new PrintStream(java.io.OutputStream.nullOutputStream()));
    assertArrayEquals(c.features(data.testX())[3], cached.features(data.testX())[3], 1e-6, "read back from the cache");
    try (var files = Files.list(cache)) {
      Path file = files.filter(f -> f.getFileName().toString().endsWith(".bin")).findFirst().orElseThrow();
      Files.write(file, new byte[] {1, 2, 3});  // truncated: trained again, not an error
    }
    FeatureClassifier again = FeatureClassifier.of(data, k, new PrintStream(java.io.OutputStream.nullOutputStream()));
    assertArrayEquals(c.features(data.testX())[3], again.features(data.testX())[3], 1e-6, "the same seed, the same classifier");

    INDArray real = data.trainX().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 500),
        org.nd4j.linalg.indexing.NDArrayIndex.all());
    INDArray noise = Nd4j.rand(DataType.FLOAT, 500, 64);
    double[][] test = c.features(data.testX());
    double fdReal = FrechetDistance.of(c.features(real), test);
    double fdNoise = FrechetDistance.of(c.features(noise), test);
    assertTrue(fdReal < 0.05 * fdNoise, "FD real " + fdReal + ", noise " + fdNoise);
    double scoreReal = ClassifierScore.of(c.probabilities(real));
    double scoreNoise = ClassifierScore.of(c.probabilities(noise));
    assertTrue(scoreReal > 1.8 && scoreNoise < 1.3, "score real " + scoreReal + " (best 2), noise " + scoreNoise + " (worst 1)");
  }
}
