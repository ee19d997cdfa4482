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
  void encodeWritesMeansAndLogVariancesOfEveryTestExample() throws IOException {
    Path out = tmp.resolve("z.csv");
    Cli r = Cli.run("encode", "--run", id, "--out", out.toString(), "--tracking-dir", store);
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("mean0,mean1,logvar0,logvar1", lines.get(0).replace("label,", ""));
    assertEquals(101, lines.size(), "the 100 test examples");
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
    };
    String[] expected = {"--run", "--count must be in [1, 10000], was -3", "--out: a .png needs single-channel image data",
        "--out: '", "--split must be train or test, was 'validation'"};
    for (int i = 0; i < cases.length; i++) {
      Cli r = Cli.run(cases[i]);
      assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
      assertTrue(r.err().contains(expected[i]), r.err());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
    assertFalse(Files.exists(out) || Files.exists(tmp.resolve("s.png")), "nothing written");
    Files.writeString(out, "mine");
    Cli exists = Cli.run("encode", "--run", id, "--out", out.toString(), "--tracking-dir", store);
    assertEquals(2, exists.code());
    assertEquals("mine", Files.readString(out), "an existing file is not overwritten");
  }
}
