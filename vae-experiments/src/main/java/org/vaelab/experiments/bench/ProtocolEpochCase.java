package org.vaelab.experiments.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vaelab.api.config.ConfigException;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.train.Experiment;
import org.vaelab.experiments.train.RunSummary;

/**
 * Case 5: whole epochs of the published protocol's config as {@code vae train} runs them (per-batch
 * binarisation, 500 steps, the validation and test ELBO, the checkpoint and best checkpoint), timed
 * by wall clock; {@code bench/protocol_epoch.py} does the same work in PyTorch.
 */
final class ProtocolEpochCase {
  private ProtocolEpochCase() {}

  static Bench.Row run(ConfigLoader loader, Bench.Options o) {
    if (!Files.isRegularFile(Bench.PROTOCOL)) {
      throw new ConfigException("--case 5: " + Bench.PROTOCOL + " not found; run vae bench from the repository root");
    }
    if (o.dataDir() == null || !Files.isDirectory(o.dataDir())) {
      throw new ConfigException("--case 5 needs Fashion-MNIST: " + o.dataDir() + " does not exist");
    }
    Path store;
    try {
      store = Files.createTempDirectory("vae-bench-protocol");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ExperimentConfig c = loader.load(Bench.PROTOCOL, List.of("training.epochs=" + o.protocolEpochs(),
        "training.evalEvery=1", "evaluation.atEnd=false", "dataset.dir=" + o.dataDir(),
        "tracker={type: mlflow-file, dir: '" + store + "'}", "training.backend=" + o.backend().id()));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    RunSummary s = Experiment.train(c, new Experiment.Console(quiet, false));
    double[] seconds = epochSeconds(Path.of(s.location()));
    double first = seconds[0];
    double[] rest = Arrays.copyOfRange(seconds, 1, seconds.length);
    Arrays.sort(rest);
    double median = rest[rest.length / 2];
    int images = 50_000;
    return new Bench.Row(String.format(Locale.ROOT, "%14.0f %16.0f %9s  (%.2f s an epoch, 1st %.2f s)", images / median,
        images / first, "-", median, first), "    epoch seconds: " + Arrays.toString(seconds));
  }

  private static double[] epochSeconds(Path run) {
    try {
      return Files.readAllLines(run.resolve("metrics/perf/epoch_seconds")).stream()
          .mapToDouble(l -> Double.parseDouble(l.split(" ")[1])).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
