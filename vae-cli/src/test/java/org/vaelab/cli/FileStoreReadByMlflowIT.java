package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real MLflow Python client (installed by .ci/run) reads what vaelab's file store wrote. */
class FileStoreReadByMlflowIT {
  @TempDir Path tmp;

  private static final String READER = """
      import sys
      from mlflow.tracking import MlflowClient
      c = MlflowClient(tracking_uri=sys.argv[1])
      exp = c.get_experiment_by_name("e2e")
      r = c.search_runs([exp.experiment_id])[0]
      h = c.get_metric_history(r.info.run_id, "test/elbo")
      arts = sorted(a.path for a in c.list_artifacts(r.info.run_id))
      print(r.info.status, r.info.run_name, r.data.params["encoder.latentDim"], len(h), h[-1].step, ",".join(arts))
      """;

  private static boolean mlflowInstalled() throws InterruptedException {
    try {
      return new ProcessBuilder("python3", "-c", "import mlflow").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void mlflowSeesTheFinishedRunWithItsParamsMetricsAndArtifacts() throws Exception {
    assumeTrue(mlflowInstalled(), "MLflow is not installed: pip install mlflow");
    Path config = tmp.resolve("ring.yaml");
    Files.writeString(config, TrainEndToEndTest.RING);
    Path store = tmp.resolve("mlruns");
    assertEquals(0, Cli.run("train", "--config", config.toString(), "--tracking-dir", store.toString()).code());
    Path script = tmp.resolve("read.py");
    Files.writeString(script, READER);
    ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), store.toUri().toString()).redirectErrorStream(false);
    pb.environment().put("MLFLOW_ALLOW_FILE_STORE", "true");
    Process p = pb.start();
    assertEquals(true, p.waitFor(120, TimeUnit.SECONDS), "mlflow reader finished");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), err);
    assertEquals("FINISHED ring-test 2 6 30 checkpoint,config.yaml,samples.png", out.lines().reduce((a, b) -> b).orElse(""));
  }
}
