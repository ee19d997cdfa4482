package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vae bench} through the launcher on a few steps: every asked case prints a row of positive
 * figures, and the launcher picked OpenBLAS kernels that match the CPU's features (ND4J's OpenBLAS
 * 0.3.19 falls back to SSE3 kernels on CPUs it does not know).
 */
class BenchIT {
  /** A row, then the PyTorch side: its figures where torch is installed, else why it did not run. */
  private static final String TORCH = "  \\((PyTorch [0-9]+ samples/s: [0-9.]+x, 1st epoch [0-9]+: [0-9.]+x|PyTorch 10k: [0-9]+ s: [0-9.]+x"
      + "|PyTorch: not run \\(.+\\))\\)";
  private static final Pattern TRAIN_ROW = Pattern.compile("^(\\d)\\. .+?\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)\\s+(\\d+) MB(" + TORCH + ")?$");
  private static final Pattern EVAL_ROW = Pattern.compile("^4\\. .+?\\s+(\\d+)\\s+10k: (\\d+) s\\s+([\\d.]+)\\s+(\\d+) MB(" + TORCH + ")?$");

  @TempDir Path tmp;

  private List<String> bench(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("./vae", "bench"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile());
    pb.environment().remove("OPENBLAS_CORETYPE");
    Process p = pb.start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "vae bench ends");
    List<String> lines = Files.readAllLines(tmp.resolve("out.txt"));
    assertEquals(0, p.exitValue(), String.join("\n", lines));
    return lines;
  }

  @Test
  void everyCasePrintsPositiveFiguresWithKernelsChosenForThisCpu() throws Exception {
    List<String> out = bench("--case", "1", "--case", "3", "--case", "4", "--steps", "10", "--epoch-steps", "12",
        "--eval-images", "16", "--k", "20", "--profile");
    String text = String.join("\n", out);
    assertTrue(out.get(0).startsWith("vae bench: backend cpu-vector, products " + ExpectedBlasKernels.productsForThisCpu()),
        text);
    String kernels = ExpectedBlasKernels.forThisCpu();
    assertTrue(out.get(0).endsWith("OpenBLAS kernels " + (kernels.isEmpty() ? "auto-detected" : kernels)), text);
    List<String> rows = new ArrayList<>();
    for (String line : out) {
      Matcher train = TRAIN_ROW.matcher(line);
      Matcher eval = EVAL_ROW.matcher(line);
      if (train.matches()) {
        rows.add(train.group(1));
        assertTrue(Long.parseLong(train.group(2)) > 0 && Long.parseLong(train.group(3)) > 0, line);
        assertTrue(Double.parseDouble(train.group(4)) > 0 && Long.parseLong(train.group(5)) > 0, line);
        assertTrue(train.group(6) != null, "the PyTorch side: " + line);
      } else if (eval.matches()) {
        rows.add("4");
        assertTrue(Long.parseLong(eval.group(1)) > 0 && Long.parseLong(eval.group(2)) > 0, line);
        assertTrue(Double.parseDouble(eval.group(3)) > 0, line);
        assertTrue(eval.group(5) != null, "the PyTorch side: " + line);
      }
    }
    assertEquals(List.of("1", "3", "4"), rows, text);
    assertEquals(3, out.stream().filter(l -> l.startsWith("    time in kernels: ")).count(), text);
  }

  @Test
  void theReferenceBackendFillsTheSameTableWithMeasuredFigures() throws Exception {
    List<String> out = bench("--backend", "nd4j", "--case", "2", "--steps", "10", "--epoch-steps", "12");
    String text = String.join("\n", out);
    assertTrue(out.get(0).startsWith("vae bench: backend nd4j, products ND4J's mmul"), text);
    List<String> rows = out.stream().filter(l -> TRAIN_ROW.matcher(l).matches() && l.startsWith("2. ")).toList();
    assertEquals(1, rows.size(), text);
    Matcher m = TRAIN_ROW.matcher(rows.get(0));
    assertTrue(m.matches());
    assertTrue(rows.get(0).startsWith("2. train MLP 784-512-512-32"), "the same case as on cpu-vector: " + rows.get(0));
    long samples = Long.parseLong(m.group(2));
    long firstEpoch = Long.parseLong(m.group(3));
    double gflops = Double.parseDouble(m.group(4));
    long rss = Long.parseLong(m.group(5));
    assertTrue(samples > 0 && firstEpoch > 0 && gflops > 0 && rss > 100, "measured, not placeholders: " + rows.get(0));
    assertTrue(gflops * 1e9 / samples > 1e6 && gflops * 1e9 / samples < 1e8,
        "GFLOP/s and samples/s describe the same work (a 784-512-512-32 VAE step is ~7 MFLOP an example): " + rows.get(0));
  }

  @Test
  void anUnknownBlasIsAOneLineError() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("./vae", "bench", "--case", "1", "--steps", "10").redirectErrorStream(true)
        .redirectOutput(tmp.resolve("out.txt").toFile());
    pb.environment().put("VAE_JAVA_OPTS", "-Dvaelab.blas=atlas");
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "vae bench ends");
    List<String> lines = Files.readAllLines(tmp.resolve("out.txt"));
    assertEquals(2, p.exitValue(), String.join("\n", lines));
    assertEquals(List.of("vae: -Dvaelab.blas: 'atlas' is not one of auto, mkl, openblas"), lines);
  }

  @Test
  void aWholeRunIsTimedFromStartToExitBesideThePyTorchScript() throws Exception {
    Required.fashionMnist();
    List<String> out = bench("--case", "7");
    String row = out.stream().filter(l -> l.startsWith("7. quickstart run, start to exit")).findFirst().orElseThrow();
    Matcher m = Pattern.compile("wall clock: vaelab ([\\d.]+) s, (PyTorch ([\\d.]+) s: ([\\d.]+)x|PyTorch: not run .*)\\)").matcher(row);
    assertTrue(m.find(), row);
    assertTrue(Double.parseDouble(m.group(1)) > 1, row);
    if (m.group(3) != null) {
      assertEquals(Double.parseDouble(m.group(3)) / Double.parseDouble(m.group(1)), Double.parseDouble(m.group(4)), 0.01, row);
    }
  }

  @Test
  void badOptionsAreOneLineErrors() {
    for (String[] args : List.of(new String[] {"--case", "12"}, new String[] {"--steps", "5"}, new String[] {"--hidden", "0"},
        new String[] {"--batch", "5000"},
        new String[] {"--eval-images", "0"}, new String[] {"--backend", "tpu"})) {
      List<String> argv = new ArrayList<>(List.of("bench"));
      argv.addAll(List.of(args));
      Cli r = Cli.run(argv.toArray(String[]::new));
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains(args[0].equals("--backend") ? "tpu" : args[1]), r.err());
    }
  }
}
