package org.vaelab.experiments.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vaelab.api.config.ConfigException;

/**
 * Cases 7 to 9 and 11: a whole {@code ./vae train} process, start to exit, against a plain PyTorch
 * script doing the same work, run right after it: the quickstart with the final evaluation off (7)
 * or on without the gaps' per-point fits (8), and with the default CNN of case 3 in place of its MLP,
 * evaluation off (11), against {@code bench/quickstart.py}; 10 epochs of the published protocol (9),
 * against {@code bench/protocol_epoch.py}.
 */
final class WholeRunCase {
  private WholeRunCase() {}

  /** The quickstart's MLP replaced by the default CNN (case 3's, {@code train_step.py --model cnn}'s). */
  private static final List<String> CNN_SETS = List.of("--set", "encoder.type=cnn", "--set", "encoder.hiddenDims=[256]",
      "--set", "decoder.type=cnn", "--set", "decoder.hiddenDims=[256]");

  /** The two processes of a case: {@code ./vae train} and the PyTorch script. */
  record Commands(List<String> vae, List<String> torch) {}

  static Bench.Row run(Bench.Options o, int number) {
    String which = "--case " + number;
    for (Path p : List.of(Path.of("vae"), config(number), script(number))) {
      if (!Files.isRegularFile(p)) throw new ConfigException(which + ": " + p + " not found; run vae bench from the repository root");
    }
    if (o.dataDir() == null || !Files.isDirectory(o.dataDir())) {
      throw new ConfigException(which + " needs Fashion-MNIST: " + o.dataDir() + " does not exist");
    }
    Path store;
    try {
      store = Files.createTempDirectory("vae-bench-run");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Commands c = commands(o, number, store);
    double ours = seconds(c.vae());
    if (Double.isNaN(ours)) throw new IllegalStateException(which + ": ./vae train failed; run it alone to see why");
    double theirs = seconds(c.torch());
    String vs = Double.isNaN(theirs) ? "PyTorch: not run (python3 " + script(number) + " failed: is torch installed?)"
        : String.format(Locale.ROOT, "PyTorch %.1f s: %.2fx", theirs, theirs / ours);
    return new Bench.Row(String.format(Locale.ROOT, "%14s %16s %9s  (wall clock: vaelab %.1f s, %s)", "-", "-", "-", ours, vs),
        "    " + String.join(" ", c.vae()) + "\n    " + String.join(" ", c.torch()));
  }

  /** Case {@code number}'s commands, the run stored in {@code store}. */
  static Commands commands(Bench.Options o, int number, Path store) {
    boolean protocol = number == 9;
    boolean eval = number == 8;
    boolean cnn = number == 11;
    List<String> vae = new ArrayList<>(List.of("./vae", "train", "--config", config(number).toString(), "--tracking-dir",
        store.toString(), "--set", "dataset.dir=" + o.dataDir(), "--set", "training.backend=" + o.backend().id()));
    // the script's evaluation is the importance-sampled log p(x) alone: no per-point gap fits here either
    vae.addAll(eval ? List.of("--set", "evaluation.finalGapPoints=0") : List.of("--set", "evaluation.atEnd=false"));
    if (protocol) vae.addAll(List.of("--set", "training.epochs=10"));
    if (cnn) vae.addAll(CNN_SETS);
    List<String> torch = new ArrayList<>(List.of("python3", script(number).toString(), "--data", o.dataDir().toString()));
    if (eval) torch.add("--eval");
    if (cnn) torch.addAll(List.of("--model", "cnn"));
    if (protocol) torch.addAll(List.of("--epochs", "10"));
    return new Commands(vae, torch);
  }

  private static Path config(int number) {
    return number == 9 ? Bench.PROTOCOL : Path.of("experiments/quickstart.yaml");
  }

  private static Path script(int number) {
    return Path.of(number == 9 ? "bench/protocol_epoch.py" : "bench/quickstart.py");
  }

  /** Wall seconds from start to exit, NaN when the command failed. */
  private static double seconds(List<String> command) {
    long t0 = System.nanoTime();
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
      return p.waitFor() == 0 ? (System.nanoTime() - t0) / 1e9 : Double.NaN;
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }
}
