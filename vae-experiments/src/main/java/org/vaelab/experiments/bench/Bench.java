package org.vaelab.experiments.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Binarization;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.engine.Adam;
import org.vaelab.api.engine.Kernels;
import org.vaelab.experiments.backend.VectorKernels;
import org.vaelab.experiments.config.Backend;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.config.Yaml;
import org.vaelab.experiments.eval.LogLikelihood;
import org.vaelab.experiments.model.BatchSource;
import org.vaelab.experiments.model.Plugins;
import org.vaelab.experiments.model.VaeModel;

/**
 * The standard performance cases: training steps of two MLP VAEs and the default CNN (batch 128,
 * Bernoulli, Adam 1e-3), and the importance-sampled log p(x) of a 784-300-300-40 MLP VAE with k
 * samples (5000 by default) over the 10k test images (projected from a timed slice). Prints samples/s (median of timed steps after one warm-up epoch,
 * and over that first epoch including JIT warm-up), GFLOP/s of the matrix products and convolutions,
 * and the process's peak resident memory.
 */
public final class Bench {
  private static final String MLP_400 = "encoder: {type: mlp, hiddenDims: [400], latentDim: 20, activation: relu}\n"
      + "decoder: {type: mlp, hiddenDims: [400], activation: relu}\n";
  private static final String MLP_512 = "encoder: {type: mlp, hiddenDims: [512, 512], latentDim: 32, activation: relu}\n"
      + "decoder: {type: mlp, hiddenDims: [512, 512], activation: relu}\n";
  /** The model of the PyTorch reference for the evaluation case (issue 7: 218 s on this machine class). */
  private static final String MLP_300 = "encoder: {type: mlp, hiddenDims: [300, 300], latentDim: 40, activation: relu}\n"
      + "decoder: {type: mlp, hiddenDims: [300, 300], activation: relu}\n";
  static final String CNN = "encoder: {type: cnn}\ndecoder: {type: cnn}\n";
  /** Case 6: case 1's model on the IWAE bound, its 5 samples a batch of 5 x 128 rows (cost against 5x case 1's). */
  private static final String IWAE_5 = "objective: {type: iwae, samples: 5}\n";
  /** The same models for bench/train_step.py (cases 1-3). */
  private static final List<List<String>> TORCH_MODELS = List.of(List.of("--hidden", "400", "--latent", "20"),
      List.of("--hidden", "512,512", "--latent", "32"), List.of("--model", "cnn"));
  public static final List<String> CASES = List.of("train MLP 784-400-20", "train MLP 784-512-512-32",
      "train CNN (default)", "eval log p(x), MLP 784-300-300-40", "protocol epoch, all included",
      "train MLP 784-400-20, iwae k=5", "quickstart run, start to exit", "quickstart run + final eval",
      "protocol, 10 epochs, start to exit", "train MLP 784-H-L (--hidden --latent --batch)",
      "CNN quickstart run, start to exit");
  /** The config of case 5, relative to the working directory (the repository root). */
  static final Path PROTOCOL = Path.of("experiments/fmnist-protocol-gaussian.yaml");

  /**
   * How long to measure: timed steps, a cap on the first epoch's steps, the eval slice, and the
   * epochs of the protocol case (on Fashion-MNIST in {@code dataDir}).
   */
  public record Options(Backend backend, int timedSteps, int epochCap, int evalImages, int k, boolean profile,
      int protocolEpochs, Path dataDir, int hidden, int latent, int batch) {}

  /** One printed row and, with --profile, its kernel-time breakdown. */
  record Row(String figures, String profile, String comparison) {
    Row(String figures, String profile) {
      this(figures, profile, "");
    }
  }

  private Bench() {}

  /** Share of the timed section spent in each kernel, largest first; the rest is outside the kernels. */
  private static String breakdown(CountingKernels k, long totalNanos) {
    StringBuilder b = new StringBuilder("    time in kernels:");
    long inKernels = 0;
    var entries = new java.util.ArrayList<>(k.times().entrySet());
    entries.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
    for (var e : entries) {
      inKernels += e.getValue()[0];
      b.append(String.format(Locale.ROOT, " %s %.1f%%", e.getKey(), 100.0 * e.getValue()[0] / totalNanos));
    }
    return b.append(String.format(Locale.ROOT, "; outside kernels %.1f%%", 100.0 * (totalNanos - inKernels) / totalNanos))
        .toString();
  }

  public static void run(ConfigLoader loader, Dataset data, Options o, List<Integer> cases, PrintStream out) {
    check(o);
    String blasCore = System.getenv("OPENBLAS_CORETYPE");
    Kernels kernels = Plugins.kernels(o.backend());
    out.printf(Locale.ROOT, "vae bench: backend %s, products %s, data %s, %d cores, Java %s, ND4J %s, OpenBLAS kernels %s%n",
        kernels.name(), kernels instanceof VectorKernels ? VectorKernels.blas() : "ND4J's mmul", data.source(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Nd4j.getBackend().getClass().getSimpleName(), blasCore == null || blasCore.isBlank() ? "auto-detected" : blasCore);
    out.printf(Locale.ROOT, "samples/s: median of %d timed steps after the first epoch; 1st epoch: its first %d steps"
        + " or fewer, JIT warm-up included; eval: %d images x k=%d, projected to 10k%n", o.timedSteps(), o.epochCap(),
        o.evalImages(), o.k());
    out.printf(Locale.ROOT, "%-40s %14s %16s %9s %10s%n", "case", "samples/s", "1st epoch s/s", "GFLOP/s",
        "peak RSS");
    for (int c : cases) {
      String name = c + ". " + CASES.get(c - 1);
      Row row = switch (c) {
        case 4 -> evalCase(loader, data, o);
        case 5 -> ProtocolEpochCase.run(loader, o);
        case 6 -> trainCase(loader, data, o, MLP_400 + IWAE_5, 128, (median, first) -> "");
        case 7, 8, 9, 11 -> WholeRunCase.run(o, c);
        case 10 -> shapeCase(loader, data, o);
        default -> trainCase(loader, data, o, List.of(MLP_400, MLP_512, CNN).get(c - 1), 128,
            besideTorch(o, TORCH_MODELS.get(c - 1), 128, ""));
      };
      out.printf(Locale.ROOT, "%-40s %s %8.0f MB%s%n", name, row.figures(), peakRssMegabytes(), row.comparison());
      if (o.profile()) out.println(row.profile());
      out.flush();
    }
  }

  static ExperimentConfig config(ConfigLoader loader, String models, int batch) {
    Map<String, Object> raw = new LinkedHashMap<>(Yaml.parseMap(models
        + "likelihood: {type: bernoulli}\noptimizer: {lr: 0.001}\ntraining: {batchSize: " + batch + "}\n"
        + "dataset: {type: ring}\ntracker: {type: mlflow-file}\n", "bench"));
    return loader.resolve(raw, List.of(), "bench");
  }

  /** Case 10: case 1's model with the hidden width, latent size and batch asked for, against PyTorch. */
  private static Row shapeCase(ConfigLoader loader, Dataset data, Options o) {
    String mlp = "encoder: {type: mlp, hiddenDims: [" + o.hidden() + "], latentDim: " + o.latent() + ", activation: relu}\n"
        + "decoder: {type: mlp, hiddenDims: [" + o.hidden() + "], activation: relu}\n";
    List<String> torch = List.of("--hidden", Integer.toString(o.hidden()), "--latent", Integer.toString(o.latent()));
    return trainCase(loader, data, o, mlp, o.batch(),
        besideTorch(o, torch, o.batch(), "784-" + o.hidden() + "-" + o.latent() + ", batch " + o.batch() + "; "));
  }

  /** bench/train_step.py on {@code model} at {@code batch}, in parentheses after {@code label}. */
  private static Comparison besideTorch(Options o, List<String> model, int batch, String label) {
    return (median, first) -> "  (" + label + TorchSide.trainStep(o, model, batch, median, first) + ")";
  }

  /** The text after a training case's row, from its median and first-epoch samples/s. */
  private interface Comparison {
    String of(double median, double firstEpoch);
  }

  /** Training steps of {@code models}, then {@code comparison}. */
  private static Row trainCase(ConfigLoader loader, Dataset data, Options o, String models, int batch,
      Comparison comparison) {
    ExperimentConfig c = config(loader, models, batch);
    CountingKernels k = new CountingKernels(Plugins.kernels(o.backend()));
    VaeModel model = Plugins.model(c, data, k);
    model.parameters().initialise(1);
    Adam adam = new Adam(k, model.parameters(), 1e-3, 0.9, 0.999, 1e-8);
    int n = (int) data.trainX().size(0);
    BatchSource batches = new BatchSource(k, batch, data.valuesPerExample());
    batches.use(data.trainX());
    int[] order = BatchSource.permutation(n, 1);
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(2);
    int epochSteps = Math.min((n + batch - 1) / batch, o.epochCap());
    long t0 = System.nanoTime();
    long samples = 0;
    int from = 0;
    for (int s = 0; s < epochSteps; s++, from = (from + batch) % n) {
      int b = Math.min(batch, n - from);
      model.step(batches.batch(order, from, b), 1.0, rng);
      adam.stepReadingSquares();  // as the trainer does: the gradient checked as the update reads it
      samples += b;
    }
    double epochRate = samples / ((System.nanoTime() - t0) / 1e9);
    double[] stepSeconds = new double[o.timedSteps()];
    long flops0 = k.flops();
    k.resetTimes();
    long timedNanos = 0;
    for (int s = 0; s < o.timedSteps(); s++, from = (from + batch) % n) {
      if (n - from < batch) from = 0;
      long s0 = System.nanoTime();
      model.step(batches.batch(order, from, batch), 1.0, rng);
      adam.stepReadingSquares();
      long dt = System.nanoTime() - s0;
      timedNanos += dt;
      stepSeconds[s] = dt / 1e9;
    }
    String profile = breakdown(k, timedNanos);
    Arrays.sort(stepSeconds);
    double median = batch / stepSeconds[stepSeconds.length / 2];
    double gflops = (k.flops() - flops0) / (timedNanos / 1e9) / 1e9;
    return new Row(String.format(Locale.ROOT, "%14.0f %16.0f %9.1f", median, epochRate, gflops), profile,
        comparison.of(median, epochRate));
  }

  private static Row evalCase(ConfigLoader loader, Dataset data, Options o) {
    ExperimentConfig c = config(loader, MLP_300, 128);
    CountingKernels k = new CountingKernels(Plugins.kernels(o.backend()));
    VaeModel model = Plugins.model(c, data, k);
    model.parameters().initialise(1);
    INDArray x = data.testX();
    int images = (int) Math.min(o.evalImages(), x.size(0));
    LogLikelihood.estimate(model, x.get(NDArrayIndex.interval(0, Math.min(images, 128)), NDArrayIndex.all()), 50, 1);
    long flops0 = k.flops();
    k.resetTimes();
    long t0 = System.nanoTime();
    LogLikelihood.estimate(model, x.get(NDArrayIndex.interval(0, images), NDArrayIndex.all()), o.k(), 2);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double rate = (double) images * o.k() / seconds;
    String profile = breakdown(k, System.nanoTime() - t0);
    double gflops = (k.flops() - flops0) / seconds / 1e9;
    double projected = seconds * 10_000 / images;
    return new Row(String.format(Locale.ROOT, "%14.0f %16s %9.1f", rate,
        String.format(Locale.ROOT, "10k: %.0f s", projected), gflops), profile,
        "  (" + TorchSide.logPx(o, images, projected) + ")");
  }

  /** Fashion-MNIST from {@code dir} when it is there, else uniform noise of the same shape (the speed is the same). */
  public static Dataset data(ConfigLoader loader, Path dir) {
    if (dir != null && Files.isDirectory(dir)) {
      Map<String, Object> raw = new LinkedHashMap<>(Yaml.parseMap("dataset: {type: fashion-mnist, dir: '" + dir
          + "', binarization: none}\n", "bench"));
      return Plugins.dataset(loader.resolve(raw, List.of(), "bench").dataset());
    }
    Nd4j.getRandom().setSeed(7);
    return new Dataset("noise", "uniform noise 60000+10000 x 784 (no Fashion-MNIST at " + dir + ")",
        Nd4j.rand(DataType.FLOAT, 60_000, 784), null, Nd4j.rand(DataType.FLOAT, 10_000, 784), null,
        new int[] {1, 28, 28}, Binarization.NONE);
  }

  /** VmHWM of this process in MB, or NaN where /proc is absent. */
  static double peakRssMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  static void check(Options o) {
    if (o.timedSteps() < 10) throw new ConfigException("--steps must be >= 10, was " + o.timedSteps());
    if (o.epochCap() < 1) throw new ConfigException("--epoch-steps must be >= 1, was " + o.epochCap());
    if (o.evalImages() < 1) throw new ConfigException("--eval-images must be >= 1, was " + o.evalImages());
    if (o.k() < 1) throw new ConfigException("--k must be >= 1, was " + o.k());
    if (o.protocolEpochs() < 2) throw new ConfigException("--protocol-epochs must be >= 2, was " + o.protocolEpochs());
    if (o.hidden() < 1 || o.hidden() > 16384) throw new ConfigException("--hidden must be in 1..16384, was " + o.hidden());
    if (o.latent() < 1 || o.latent() > 4096) throw new ConfigException("--latent must be in 1..4096, was " + o.latent());
    if (o.batch() < 1 || o.batch() > 4096) throw new ConfigException("--batch must be in 1..4096, was " + o.batch());
  }
}
