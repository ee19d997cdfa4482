package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaelab.cli.TrainEndToEndTest.onlyRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vae sample} and {@code vae encode} on a finished run, loaded from the tracker alone. */
class SampleEncodeTest {
  @TempDir Path tmp;
  private String store;
  private String id;

  @BeforeEach
  void trainARun() throws IOException {
    Path config = tmp.resolve("ring.yaml");
    Files.writeString(config, TrainEndToEndTest.RING);
    store = tmp.resolve("mlruns").toString();
    assertEquals(0, Cli.run("train", "--config", config.toString(), "--tracking-dir", store).code());
    id = onlyRun(tmp.resolve("mlruns")).getFileName().toString();
  }

  @Test
  void samplesAreDecodedPriorDrawsAsCsvTheSameForTheSameSeed() throws IOException {
    Path a = tmp.resolve("a.csv");
    Cli r = Cli.run("sample", "--run", id, "--count", "150", "--out", a.toString(), "--tracking-dir", store);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("150 prior samples of run " + id), r.out());
    List<String> lines = Files.readAllLines(a);
    assertEquals("x0,x1", lines.get(0));
    assertEquals(151, lines.size(), "a header and 150 rows (more than one batch of 64)");
    double radius = 0;
    for (String l : lines.subList(1, lines.size())) {
      String[] v = l.split(",");
      radius += Math.hypot(Double.parseDouble(v[0]), Double.parseDouble(v[1])) / 150;
    }
    assertTrue(radius > 0.3 && radius < 3, "samples lie around the ring's scale: mean radius " + radius);
    Path b = tmp.resolve("b.csv");
    assertEquals(0, Cli.run("sample", "--run", id, "--count", "150", "--out", b.toString(), "--tracking-dir", store).code());
    assertEquals(Files.readString(a), Files.readString(b), "same seed, same samples");
  }

  @Test
  void aLoggedModelIsUsedLikeItsRun() throws IOException {
    String model;
    try (var models = Files.list(tmp.resolve("mlruns").resolve("1").resolve("models"))) {
      model = models.map(p -> p.getFileName().toString()).findFirst().orElseThrow();
    }
    Path byRun = tmp.resolve("run.csv");
    Path byModel = tmp.resolve("model.csv");
    assertEquals(0, Cli.run("sample", "--run", id, "--count", "20", "--out", byRun.toString(), "--tracking-dir", store).code());
    Cli r = Cli.run("sample", "--model", model, "--count", "20", "--out", byModel.toString(), "--tracking-dir", store);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("20 prior samples of logged model " + model), r.out());
    assertEquals(Files.readString(byRun), Files.readString(byModel), "the final weights, so the same samples");
  }

  @Test
  void encodeWritesMeansAndLogVariancesOfEveryTestExample() throws IOException {
    Path out = tmp.resolve("z.csv");
    Cli r = Cli.run("encode", "--run", id, "--out", out.toString(), "--tracking-dir", store);
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("mean0,mean1,logvar0,logvar1", lines.get(0).replace("label,", ""));
    assertEquals(101, lines.size(), "the 100 test examples");
  }

  @Test
  void reconstructionsAreCloserToTheirExamplesThanToOtherExamples() throws IOException {
    Path out = tmp.resolve("rec.csv");
    Cli r = Cli.run("reconstruct", "--run", id, "--count", "40", "--out", out.toString(), "--tracking-dir", store);
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("x0,x1,rec0,rec1", lines.get(0));
    assertEquals(41, lines.size());
    double own = 0;
    double other = 0;
    for (int i = 1; i <= 40; i++) {
      double[] a = row(lines.get(i));
      double[] b = row(lines.get(i % 40 + 1));
      own += Math.hypot(a[0] - a[2], a[1] - a[3]);
      other += Math.hypot(b[0] - a[2], b[1] - a[3]);
    }
    assertTrue(own < 0.85 * other, "a reconstruction carries its example: " + own + " vs " + other);
  }

  @Test
  void interpolationRunsFromOneExamplesCodeToTheOthers() throws IOException {
    Path codes = tmp.resolve("z.csv");
    assertEquals(0, Cli.run("encode", "--run", id, "--limit", "5", "--out", codes.toString(), "--tracking-dir", store).code());
    Path rec = tmp.resolve("rec.csv");
    assertEquals(0, Cli.run("reconstruct", "--run", id, "--count", "5", "--out", rec.toString(), "--tracking-dir", store).code());
    Path out = tmp.resolve("line.csv");
    Cli r = Cli.run("interpolate", "--run", id, "--from", "2", "--to", "4", "--steps", "5", "--out", out.toString(),
        "--tracking-dir", store);
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("t,z0,z1,x0,x1", lines.get(0));
    assertEquals(6, lines.size());
    double[] first = row(lines.get(1));
    double[] mid = row(lines.get(3));
    double[] last = row(lines.get(5));
    double[] z2 = row(Files.readAllLines(codes).get(3));
    double[] z4 = row(Files.readAllLines(codes).get(5));
    assertEquals(0.0, first[0], 1e-9);
    assertEquals(1.0, last[0], 1e-9);
    for (int j = 0; j < 2; j++) {
      assertEquals(z2[j], first[1 + j], 1e-4, "t = 0 is example 2's posterior mean");
      assertEquals(z4[j], last[1 + j], 1e-4, "t = 1 is example 4's");
      assertEquals((z2[j] + z4[j]) / 2, mid[1 + j], 1e-4, "t = 0.5 halfway");
      assertEquals(row(Files.readAllLines(rec).get(3))[2 + j], first[3 + j], 1e-4, "t = 0 decodes to example 2's reconstruction");
    }
  }

  private static double[] row(String line) {
    return java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  @Test
  void badInputIsOneLineExitTwoAndWritesNothing() throws IOException {
    Path out = tmp.resolve("never.csv");
    String[][] cases = {
        {"sample", "--run", "0123456789abcdef0123456789abcdef", "--out", out.toString(), "--tracking-dir", store},
        {"sample", "--run", id, "--count", "-3", "--out", out.toString(), "--tracking-dir", store},
        {"sample", "--run", id, "--out", tmp.resolve("s.png").toString(), "--tracking-dir", store},
        {"sample", "--run", id, "--out", tmp.resolve("s.txt").toString(), "--tracking-dir", store},
        {"encode", "--run", id, "--split", "validation", "--out", out.toString(), "--tracking-dir", store},
        {"reconstruct", "--run", id, "--count", "0", "--out", out.toString(), "--tracking-dir", store},
        {"interpolate", "--run", id, "--steps", "1", "--out", out.toString(), "--tracking-dir", store},
        {"interpolate", "--run", id, "--to", "100", "--out", out.toString(), "--tracking-dir", store},
        {"reconstruct", "--run", "0123456789abcdef0123456789abcdef", "--out", out.toString(), "--tracking-dir", store},
        {"sample", "--model", "m-0123", "--out", out.toString(), "--tracking-dir", store},
        {"sample", "--run", id, "--model", "m-0123", "--out", out.toString(), "--tracking-dir", store},
        {"encode", "--out", out.toString(), "--tracking-dir", store},
    };
    String[] expected = {"--run", "--count must be in [1, 10000], was -3", "--out: a .png needs single-channel image data",
        "--out: '", "--split must be train or test, was 'validation'", "--count must be in [1, 1024], was 0",
        "--steps must be in [2, 256], was 1", "--from/--to must be example indices in [0, 99] of the test split, was 100",
        "--run", "--model: no logged model m-0123 in ", "--run and --model: give one, not both",
        "--run or --model: name the run or the logged model to use"};
    for (int i = 0; i < cases.length; i++) {
      Cli r = Cli.run(cases[i]);
      assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
      assertTrue(r.err().contains(expected[i]), r.err());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
    assertFalse(Files.exists(out) || Files.exists(tmp.resolve("s.png")), "nothing written");
    Path checkpoint = onlyRun(tmp.resolve("mlruns")).resolve("artifacts/checkpoint/model.bin");
    byte[] weights = Files.readAllBytes(checkpoint);
    Files.delete(checkpoint);
    Cli noModel = Cli.run("sample", "--run", id, "--out", out.toString(), "--tracking-dir", store);
    assertEquals(2, noModel.code(), noModel.err());
    assertTrue(noModel.err().contains("--run: run " + id + " has no checkpoint"), noModel.err());
    assertEquals(1, noModel.err().strip().lines().count(), noModel.err());
    assertFalse(Files.exists(out));
    Files.write(checkpoint, weights);
    Path config = onlyRun(tmp.resolve("mlruns")).resolve("artifacts/config.yaml");
    Files.writeString(config, Files.readString(config).replace("type: standard-normal", "type: my-prior"));
    Cli missing = Cli.run("sample", "--run", id, "--out", out.toString(), "--tracking-dir", store);
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("needs plugins that are not installed: prior 'my-prior'"), missing.err());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    assertFalse(Files.exists(out));
    Files.writeString(out, "mine");
    Cli exists = Cli.run("encode", "--run", id, "--out", out.toString(), "--tracking-dir", store);
    assertEquals(2, exists.code());
    assertEquals("mine", Files.readString(out), "an existing file is not overwritten");
  }
}
