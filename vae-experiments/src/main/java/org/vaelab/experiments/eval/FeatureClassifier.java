package org.vaelab.experiments.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Adam;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.Dense;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.engine.Sequential;
import org.vaelab.experiments.model.BatchSource;
import org.vaelab.experiments.model.Seeds;
import org.vaelab.experiments.train.DatasetDigest;

/**
 * A classifier of a labelled image dataset whose last hidden layer is the feature space of the
 * sample-quality measures (not Inception: no weights can be fetched here). It is trained by vaelab
 * from a fixed seed, so it is the same wherever it is trained, and cached under the cache directory
 * by its version and the training set's digest.
 */
final class FeatureClassifier {
  static final String VERSION = "mlp-256-128-v1";
  static final int FEATURES = 128;
  private static final int EPOCHS = 5;
  private static final int BATCH = 128;
  private static final int ROWS = 1000;
  private static final long SEED = 25;

  private final Sequential body;
  private final Dense head;
  private final ParameterStore store;
  private final BatchBuffer dLogits;
  private final int classes;

  private FeatureClassifier(long inputs, int classes, Kernels k) {
    this.classes = classes;
    body = Sequential.mlp(inputs, List.of(256), FEATURES, Activation.RELU, Activation.RELU);
    head = new Dense(FEATURES, classes, Activation.IDENTITY);
    store = ParameterStore.allocate(List.of(body, head), k);
    store.initialise(SEED);
    body.plan(ROWS, k);
    head.plan(ROWS, k);
    dLogits = new BatchBuffer(k, ROWS, classes);
  }

  /** Where classifiers are cached: the system property {@code vaelab.cache}, else $VAELAB_CACHE, else ~/.cache/vaelab. */
  static Path cacheDir() {
    String dir = System.getProperty("vaelab.cache", System.getenv("VAELAB_CACHE"));
    return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "vaelab");
  }

  /** The classifier of {@code data}: read from the cache, or trained (and cached) when it is not there. */
  static FeatureClassifier of(Dataset data, Kernels k, PrintStream out) {
    int classes = java.util.Arrays.stream(data.trainLabels()).max().orElse(0) + 1;
    FeatureClassifier c = new FeatureClassifier(data.valuesPerExample(), classes, k);
    Path file = cacheDir().resolve("classifier-" + VERSION + "-" + DatasetDigest.of(data.trainX()) + ".bin");
    try {
      if (Files.isRegularFile(file) && c.read(Files.readAllBytes(file))) return c;
      long t0 = System.nanoTime();
      c.train(data.trainX(), data.trainLabels(), k);
      out.println(String.format(Locale.ROOT, "sample quality: trained the feature classifier (%s, %d epochs, test accuracy"
          + " %.3f, %.0f s); cached in %s", VERSION, EPOCHS, c.accuracy(data.testX(), data.testLabels()),
          (System.nanoTime() - t0) / 1e9, file));
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "classifier", ".part");
      Files.write(tmp, c.bytes());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("feature classifier cache " + file + ": " + e.getMessage(), e);
    }
  }

  private void train(INDArray x, int[] labels, Kernels k) {
    Adam adam = new Adam(k, store, 1e-3, 0.9, 0.999, 1e-8);
    BatchSource batches = new BatchSource(k, BATCH, x.size(1));
    batches.use(x);
    int n = (int) x.size(0);
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      int[] order = BatchSource.permutation(n, Seeds.derive(SEED, Seeds.SHUFFLE, epoch));
      for (int from = 0; from < n; from += BATCH) {
        int b = Math.min(BATCH, n - from);
        store.zeroGrads();
        double[] p = softmax(head.forward(body.forward(batches.batch(order, from, b))));
        for (int r = 0; r < b; r++) {
          p[r * classes + labels[order[from + r]]] -= 1;
          for (int c = 0; c < classes; c++) p[r * classes + c] /= b;
        }
        INDArray d = dLogits.rows(b);
        HostArrays.write(p, d);
        body.backward(head.backward(d));
        adam.step();
      }
    }
  }

  /** The feature vector (last hidden layer) of each row of {@code x}. */
  double[][] features(INDArray x) {
    double[][] out = new double[(int) x.size(0)][];
    for (int from = 0; from < out.length; from += ROWS) {
      int b = Math.min(ROWS, out.length - from);
      double[][] f = HostArrays.readRows(body.forward(rows(x, from, b)), null);
      System.arraycopy(f, 0, out, from, b);
    }
    return out;
  }

  /** p(y|x) for each row of {@code x}. */
  double[][] probabilities(INDArray x) {
    double[][] out = new double[(int) x.size(0)][classes];
    for (int from = 0; from < out.length; from += ROWS) {
      int b = Math.min(ROWS, out.length - from);
      double[] p = softmax(head.forward(body.forward(rows(x, from, b))));
      for (int r = 0; r < b; r++) System.arraycopy(p, r * classes, out[from + r], 0, classes);
    }
    return out;
  }

  double accuracy(INDArray x, int[] labels) {
    double[][] p = probabilities(x);
    int right = 0;
    for (int r = 0; r < p.length; r++) {
      int best = 0;
      for (int c = 1; c < classes; c++) if (p[r][c] > p[r][best]) best = c;
      if (best == labels[r]) right++;
    }
    return right / (double) p.length;
  }

  private static INDArray rows(INDArray x, int from, int b) {
    return x.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all());
  }

  private double[] softmax(INDArray logits) {
    double[] p = HostArrays.read(logits, null);
    for (int r = 0; r < p.length / classes; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) max = Math.max(max, p[r * classes + c]);
      double sum = 0;
      for (int c = 0; c < classes; c++) sum += p[r * classes + c] = Math.exp(p[r * classes + c] - max);
      for (int c = 0; c < classes; c++) p[r * classes + c] /= sum;
    }
    return p;
  }

  private byte[] bytes() {
    double[] v = HostArrays.read(store.values(), null);
    ByteBuffer b = ByteBuffer.allocate(8 * v.length);
    for (double d : v) b.putDouble(d);
    return b.array();
  }

  /** Loads cached weights; false when the file is not this classifier's (truncated, another version), to train again. */
  private boolean read(byte[] bytes) {
    if (bytes.length != 8 * store.size()) return false;
    ByteBuffer b = ByteBuffer.wrap(bytes);
    double[] v = new double[(int) store.size()];
    for (int i = 0; i < v.length; i++) v[i] = b.getDouble();
    HostArrays.write(v, store.values());
    return true;
  }
}
