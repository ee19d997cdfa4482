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
 * Cases 7 to 9: a whole {@code ./vae train} process, start to exit, against a plain PyTorch script
 * doing the same work, run right after it: the quickstart with the final evaluation off (7) or on
 * without the gaps' per-point fits (8), against {@code bench/quickstart.py}; 10 epochs of the
 * published protocol (9), against {@code bench/protocol_epoch.py}.
 */
final class WholeRunCase {
  private WholeRunCase() {}

  static Bench.Row run(Bench.Options o, int number) {
    String which = "--case " + number;
    boolean protocol = number == 9;
    boolean eval = number == 8;
    Path config = protocol ? Bench.PROTOCOL : Path.of("experiments/quickstart.yaml");
    Path script = Path.of(protocol ? "bench/protocol_epoch.py" : "bench/quickstart.py");
    for (Path p : List.of(Path.of("vae"), config, script)) {
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
    List<String> vae = new ArrayList<>(List.of("./vae", "train", "--config", config.toString(), "--tracking-dir",
        store.toString(), "--set", "dataset.dir=" + o.dataDir(), "--set", "training.backend=" + o.backend().id()));
    // the script's evaluation is the importance-sampled log p(x) alone: no per-point gap fits here either
    vae.addAll(eval ? List.of("--set", "evaluation.finalGapPoints=0") : List.of("--set", "evaluation.atEnd=false"));
    if (protocol) vae.addAll(List.of("--set", "training.epochs=10"));
    List<String> torch = new ArrayList<>(List.of("python3", script.toString(), "--data", o.dataDir().toString()));
    if (eval) torch.add("--eval");
    if (protocol) torch.addAll(List.of("--epochs", "10"));
    double ours = seconds(vae);
    if (Double.isNaN(ours)) throw new IllegalStateException(which + ": ./vae train failed; run it alone to see why");
    double theirs = seconds(torch);
    String vs = Double.isNaN(theirs) ? "PyTorch: not run (python3 " + script + " failed: is torch installed?)"
        : String.format(Locale.ROOT, "PyTorch %.1f s: %.2fx", theirs, theirs / ours);
    return new Bench.Row(String.format(Locale.ROOT, "%14s %16s %9s  (wall clock: vaelab %.1f s, %s)", "-", "-", "-", ours, vs),
        "    " + String.join(" ", vae) + "\n    " + String.join(" ", torch));
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
