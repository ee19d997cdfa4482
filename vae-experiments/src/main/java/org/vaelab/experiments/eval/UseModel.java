package org.vaelab.experiments.eval;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.spi.TrackerProvider;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.model.Pictures;
import org.vaelab.experiments.model.Plugins;
import org.vaelab.experiments.model.SavedRun;
import org.vaelab.experiments.model.VaeModel;

/**
 * A trained run's model put to use, loaded from its tracker alone (config, checkpoint, the best
 * weights under early stopping): prior samples, and the posterior of a dataset split.
 */
public final class UseModel {
  private UseModel() {}

  /** What a command produced: the bytes to write and a line saying what they are. */
  public record Output(byte[] bytes, String summary) {}

  /** The model to use: a finished run's ({@code --run}) or a logged model ({@code --model}); exactly one is set. */
  public record ModelRef(String runId, String modelId) {
    public ModelRef {
      if ((runId == null) == (modelId == null)) {
        throw new ConfigException(runId == null ? "--run or --model: name the run or the logged model to use"
            : "--run and --model: give one, not both");
      }
    }

    /** How the model is named in messages. */
    public String describe() { return runId != null ? "run " + runId : "logged model " + modelId; }
  }

  /**
   * {@code count} prior samples decoded to E[x|z]: a PNG grid for single-channel images when
   * {@code png}, else CSV (one sample a row).
   */
  public static Output sample(ConfigLoader loader, PluginChoice trackerChoice, ModelRef ref, int count, long seed,
      boolean png, double temperature) {
    if (count < 1 || count > 10_000) throw new ConfigException("--count must be in [1, 10000], was " + count);
    if (!(temperature > 0 && temperature <= 100)) {
      throw new ConfigException("--temperature must be in (0, 100], was " + temperature);
    }
    return withModel(loader, trackerChoice, ref, m -> {
      Dataset data = m.data();
      if (png) checkPng(data, ref);
      VaeModel model = m.model();
      if (temperature != 1 && !(model.prior() instanceof org.vaelab.api.engine.CodePrior)) {
        throw new ConfigException("--temperature: " + temperature + " applies to a prior over codes (prior.type: codes-ar);"
            + " this model's posterior is " + model.family().describe() + ": leave it at 1");
      }
      INDArray samples = SampleQuality.decoded(model, count, Nd4j.getRandomFactory().getNewRandomInstance(seed),
          temperature, data.valuesPerExample());
      String what = count + " prior samples of " + ref.describe() + " (E[x|z], seed " + seed
          + (temperature != 1 ? ", temperature " + temperature : "") + ")";
      if (png) return new Output(Pictures.grid(samples, data.imageShape()[1], data.imageShape()[2], Math.min(16, count)), what);
      return new Output(csv(samples, null, header("x", samples.size(1))), what);
    });
  }

  /** The posterior means and log-variances of a split's examples, with labels when the dataset has them. */
  public static Output encode(ConfigLoader loader, PluginChoice trackerChoice, ModelRef ref, String split, int limit) {
    checkSplit(split);
    if (limit < 0) throw new ConfigException("--limit must be >= 0 (0 = the whole split), was " + limit);
    return withModel(loader, trackerChoice, ref, loaded -> {
      Dataset data = loaded.data();
      VaeModel model = loaded.model();
      INDArray x = examples(data, split);
      long n = limit == 0 ? x.size(0) : Math.min(limit, x.size(0));
      int d = model.latentDim();
      INDArray out = Nd4j.create(model.parameters().values().dataType(), n, 2L * d);
      INDArray mu = model.kernels().create(model.maxBatch(), d);
      INDArray lv = model.kernels().create(model.maxBatch(), d);
      for (long from = 0; from < n; from += model.maxBatch()) {
        long b = Math.min(model.maxBatch(), n - from);
        INDArray m = mu.get(NDArrayIndex.interval(0, b), NDArrayIndex.all());
        INDArray l = lv.get(NDArrayIndex.interval(0, b), NDArrayIndex.all());
        model.encode(x.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()), m, l);
        out.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.interval(0, d)).assign(m);
        out.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.interval(d, 2L * d)).assign(l);
      }
      return new Output(csv(out, labels(data, split, (int) n), header("mean", d) + "," + header("logvar", d)), n + " " + split + " examples of " + ref.describe()
          + " encoded: posterior mean and log-variance of " + d + " latent dimensions"
          + (model.flow().steps() > 0 ? " (of the Gaussian the posterior flow starts from)" : ""));
    });
  }

  /** A run's model with the weights its evaluation uses, and its dataset. */
  record Loaded(VaeModel model, Dataset data) {}

  /** Loads the run or logged model {@code ref} from its tracker alone and applies {@code use} to it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Output withModel(ConfigLoader loader, PluginChoice trackerChoice, ModelRef ref,
      java.util.function.Function<Loaded, Output> use) {
    try (Tracker tracker = ref.runId() != null ? Plugins.openRun(trackerChoice, ref.runId())
        : ((TrackerProvider) trackerChoice.provider()).openModel(trackerChoice.config(), ref.modelId())) {
      SavedRun saved = SavedRun.read(tracker, loader, trackerChoice, tracker.runId(), List.of(),
          ref.runId() != null ? "--run" : "--model");
      Dataset data = saved.dataset();
      return use.apply(new Loaded(saved.evaluatedModel(data, Plugins.kernels(saved.config()), tracker), data));
    }
  }

  static void checkSplit(String split) {
    if (!List.of("train", "test").contains(split)) throw new ConfigException("--split must be train or test, was '" + split + "'");
  }

  /** The examples of {@code split} (train or test). */
  static INDArray examples(Dataset data, String split) {
    return split.equals("train") ? data.trainX() : data.testX();
  }

  /** The labels of the first {@code n} examples of {@code split}, or null when the dataset has none. */
  static int[] labels(Dataset data, String split, int n) {
    int[] all = split.equals("train") ? data.trainLabels() : data.testLabels();
    return all == null ? null : java.util.Arrays.copyOf(all, n);
  }

  /** {@code prefix0,prefix1,...} for {@code n} columns. */
  static String header(String prefix, long n) {
    StringBuilder b = new StringBuilder();
    for (long j = 0; j < n; j++) b.append(j == 0 ? "" : ",").append(prefix).append(j);
    return b.toString();
  }

  /** Fails unless a .png can show this data: single-channel images. */
  static void checkPng(Dataset data, ModelRef ref) {
    int[] shape = data.imageShape();
    if (shape == null || shape[0] != 1) {
      throw new ConfigException("--out: a .png needs single-channel image data; " + ref.describe() + " has "
          + (shape == null ? "tabular data" : shape[0] + " channels") + "; write a .csv");
    }
  }

  /** Rows as CSV under {@code header}, each row's label first when there are labels. */
  static byte[] csv(INDArray rows, int[] labels, String header) {
    int cols = (int) rows.size(1);
    StringBuilder b = new StringBuilder();
    if (labels != null) b.append("label,");
    b.append(header).append('\n');
    double[][] v = rows.toDoubleMatrix();
    for (int r = 0; r < v.length; r++) {
      if (labels != null) b.append(labels[r]).append(',');
      for (int j = 0; j < cols; j++) b.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", v[r][j]));
      b.append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
