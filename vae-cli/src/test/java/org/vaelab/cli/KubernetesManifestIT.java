package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Indexed Job of {@code vae sweep submit --backend kubernetes} against Kubernetes' published
 * schemas (the {@code kubernetes-validate} package, strict: no unknown fields), for 1.29, the
 * oldest version with every field it uses (backoffLimitPerIndex is beta there), and the newest the
 * package knows; 1.28's schema refuses it, which is why 1.29 is the stated minimum.
 */
class KubernetesManifestIT {
  static final String OLDEST = "1.29.0";

  @TempDir Path tmp;

  @Test
  void theManifestValidatesAgainstKubernetesSchemasFromTheStatedMinimumOn() throws Exception {
    Required.that(validatorInstalled(), "kubernetes-validate is not installed (pip install kubernetes-validate; .ci/run does it)");
    Path base = tmp.resolve("ring.yaml");
    Files.writeString(base, TrainEndToEndTest.RING);
    Path sweep = tmp.resolve("sweep.yaml");
    Files.writeString(sweep, "name: k8s-check\nbase: ring.yaml\nmax_retries: 2\nseeds: [0, 1]\nparameters:\n"
        + "  encoder.latentDim: {values: [1, 2]}\n");
    Cli r = Cli.run("sweep", "submit", sweep.toString(), "--backend", "kubernetes", "--dry-run", "--image", "reg/vae:1",
        "--array-parallelism", "2", "--tracking-uri", "http://mlflow:5000");
    assertEquals(0, r.code(), r.err());
    Path manifest = tmp.resolve("job.yaml");
    Files.writeString(manifest, r.out());
    for (String version : new String[] {OLDEST, "1.37.0"}) {
      String out = validate(manifest, version);
      assertTrue(out.contains("passed for resource configmap/") && out.contains("passed for resource job/")
          && !out.contains("ERROR"), version + ": " + out);
    }
    assertTrue(validate(manifest, "1.28.0").contains("did not validate for resource job/"),
        "1.28 lacks what the job uses, so the docs name 1.29");
  }

  private static boolean validatorInstalled() {
    try {
      return new ProcessBuilder("kubernetes-validate", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String validate(Path manifest, String version) throws Exception {
    Process p = new ProcessBuilder("kubernetes-validate", "--strict", "-k", version, manifest.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
