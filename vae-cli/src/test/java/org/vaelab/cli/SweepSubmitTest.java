package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** What {@code sweep submit --dry-run} prints for Kubernetes and Slurm. */
class SweepSubmitTest {
  @TempDir Path tmp;

  private Path sweep() throws Exception {
    Path base = tmp.resolve("ring.yaml");
    Files.writeString(base, TrainEndToEndTest.RING);
    Path file = tmp.resolve("sweep.yaml");
    Files.writeString(file, "name: K8s_Sweep\nbase: " + base + "\nmax_retries: 1\nparameters:\n"
        + "  encoder.latentDim: {values: [1, 2, 3]}\n");
    return file;
  }

  @Test
  @SuppressWarnings("unchecked")
  void theKubernetesManifestIsAnIndexedJobThatDoesNotRetryInvalidTrials() throws Exception {
    Cli r = Cli.run("sweep", "submit", sweep().toString(), "--backend", "kubernetes", "--dry-run", "--image", "reg/vae:1",
        "--array-parallelism", "2", "--tracking-uri", "http://mlflow:5000");
    assertEquals(0, r.code(), r.err());
    List<Object> docs = new ArrayList<>();
    new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r.out()).forEach(docs::add);
    Map<String, Object> configMap = (Map<String, Object>) docs.get(0);
    Map<String, Object> job = (Map<String, Object>) docs.get(1);
    Map<String, Object> spec = (Map<String, Object>) job.get("spec");
    assertEquals("Indexed", spec.get("completionMode"));
    assertEquals(3, spec.get("completions"));
    assertEquals(2, spec.get("parallelism"));
    assertEquals(1, spec.get("backoffLimitPerIndex"));
    Map<String, Object> rule = ((List<Map<String, Object>>) ((Map<String, Object>) spec.get("podFailurePolicy")).get("rules")).get(0);
    assertEquals("FailIndex", rule.get("action"));
    assertEquals(List.of(3), ((Map<String, Object>) rule.get("onExitCodes")).get("values"));
    String manifest = r.out();
    assertTrue(manifest.contains("\"--index-env\", \"JOB_COMPLETION_INDEX\""), manifest);
    assertTrue(manifest.contains("value: \"http://mlflow:5000\"") && manifest.contains("image: reg/vae:1"), manifest);
    assertEquals("vae-sweep-k8s-sweep", ((Map<String, Object>) configMap.get("metadata")).get("name"));

    // the mounted sweep file plans the same trials as the original
    Map<String, String> data = (Map<String, String>) configMap.get("data");
    Path mounted = Files.createDirectories(tmp.resolve("mounted"));
    Files.writeString(mounted.resolve("base.yaml"), data.get("base.yaml"));
    Files.writeString(mounted.resolve("sweep.yaml"), data.get("sweep.yaml").replace("/sweep/base.yaml",
        mounted.resolve("base.yaml").toString()));
    assertEquals(trialIds(Cli.run("sweep", "plan", sweep().toString()).out()),
        trialIds(Cli.run("sweep", "plan", mounted.resolve("sweep.yaml").toString()).out()));
  }

  private static List<String> trialIds(String plan) {
    return plan.lines().filter(l -> l.contains(" trial ")).map(l -> l.trim().split("\\s+")[2]).toList();
  }

  @Test
  void theSlurmScriptIsAJobArrayOfWorkerCalls() throws Exception {
    Cli r = Cli.run("sweep", "submit", sweep().toString(), "--backend", "slurm", "--dry-run", "--array-parallelism", "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("#SBATCH --array=0,1,2%2"), r.out());
    assertTrue(r.out().contains("'sweep' 'trial' '" + sweep().toAbsolutePath() + "' '--index-env' 'SLURM_ARRAY_TASK_ID'"), r.out());
  }

  @Test
  void theSlurmScriptChoosesOpenBlasKernelsOnTheNodeUnlessTheUserSetThem() throws Exception {
    String script = Cli.run("sweep", "submit", sweep().toString(), "--backend", "slurm", "--dry-run").out()
        .replaceAll("(?m)^exec .*$", "echo \"kernels=\\${OPENBLAS_CORETYPE:-}\"");
    Path file = tmp.resolve("array.sh");
    Files.writeString(file, script);
    String expected = ExpectedBlasKernels.forThisCpu();
    assertEquals("kernels=" + expected, runScript(file, Map.of("OPENBLAS_CORETYPE", "PRESCOTT", "VAE_OPENBLAS_CHOSEN", "1")),
        "a choice the launcher made on the submitting machine is made again");
    assertEquals("kernels=" + expected, runScript(file, Map.of()));
    assertEquals("kernels=ZEN", runScript(file, Map.of("OPENBLAS_CORETYPE", "ZEN")), "the user's own setting stays");
  }

  private static String runScript(Path script, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    pb.environment().remove("OPENBLAS_CORETYPE");
    pb.environment().remove("VAE_OPENBLAS_CHOSEN");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void kubernetesWithoutDryRunAndUnknownBackendsAreClearErrors() throws Exception {
    Cli noDry = Cli.run("sweep", "submit", sweep().toString(), "--backend", "kubernetes");
    assertEquals(2, noDry.code());
    assertTrue(noDry.err().contains("only --dry-run"), noDry.err());
    Cli unknown = Cli.run("sweep", "submit", sweep().toString(), "--backend", "pbs");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("--backend: unknown value 'pbs'; allowed: slurm, kubernetes"), unknown.err());
  }
}
