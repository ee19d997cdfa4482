package org.vaelab.experiments.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch side of a case, run right after vaelab's: a script under {@code bench/} on the same
 * Fashion-MNIST, whose printed figure is compared with vaelab's.
 */
final class TorchSide {
  private TorchSide() {}

  /** Case 4: {@code bench/log_px.py}; "PyTorch 10k: N s: R x" against vaelab's projected seconds, or why it did not run. */
  static String logPx(Bench.Options o, int images, double ours) {
    return compare(o, "bench/log_px.py", List.of("--images", Integer.toString(images), "--k", Integer.toString(o.k())),
        Pattern.compile("10k: ([0-9.]+) s"), m -> {
          double theirs = Double.parseDouble(m.group(1));
          return String.format(Locale.ROOT, "PyTorch 10k: %.0f s: %.2fx", theirs, theirs / ours);
        });
  }

  /**
   * Cases 1-3 and 10: {@code bench/train_step.py} with {@code model} (its model arguments) at {@code batch};
   * "PyTorch N samples/s: R x, 1st epoch N: R x" against vaelab's median and first-epoch rates, or why it did not run.
   */
  static String trainStep(Bench.Options o, List<String> model, int batch, double ours, double oursFirst) {
    List<String> args = new ArrayList<>(model);
    args.addAll(List.of("--batch", Integer.toString(batch), "--steps", Integer.toString(o.timedSteps()), "--first",
        Integer.toString(o.epochCap())));
    return compare(o, "bench/train_step.py", args, Pattern.compile("first [0-9]+ steps: ([0-9.]+) samples/s\\s+samples/s: ([0-9.]+)"),
        m -> {
          double first = Double.parseDouble(m.group(1));
          double steady = Double.parseDouble(m.group(2));
          return String.format(Locale.ROOT, "PyTorch %.0f samples/s: %.2fx, 1st epoch %.0f: %.2fx", steady, ours / steady,
              first, oursFirst / first);
        });
  }

  private static String compare(Bench.Options o, String script, List<String> args, Pattern figure,
      java.util.function.Function<Matcher, String> against) {
    if (!Files.isRegularFile(Path.of(script))) return "PyTorch: not run (no " + script + "; run vae bench from the repository root)";
    if (o.dataDir() == null || !Files.isDirectory(o.dataDir())) return "PyTorch: not run (no Fashion-MNIST)";
    List<String> command = new ArrayList<>(List.of("python3", script, "--data", o.dataDir().toString()));
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = figure.matcher(out);
      if (p.waitFor() != 0 || !m.find()) return "PyTorch: not run (python3 " + script + " failed: is torch installed?)";
      return against.apply(m);
    } catch (IOException e) {
      return "PyTorch: not run (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "PyTorch: not run (interrupted)";
    }
  }
}
