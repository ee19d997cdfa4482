package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLflow UI (the pinned MLflow, in Debian's headless Chromium) on a file store vaelab wrote:
 * the run in the training view with its datasets, metric charts, the image card of the logged
 * images, and the logged model. Pages render asynchronously, so each is loaded up to three times
 * until what is looked for is there.
 */
class MlflowUiBrowserIT {
  private static final int TRIES = 5;

  @TempDir Path tmp;

  @Test
  void theUiShowsTheRunItsChartsImagesAndLoggedModel() throws Exception {
    requireChromium();
    Path config = tmp.resolve("ring.yaml");
    Files.writeString(config, TrainEndToEndTest.RING.replace("experiment: e2e", "experiment: browser"));
    Path store = tmp.resolve("mlruns");
    Cli r = Cli.run("train", "--config", config.toString(), "--tracking-dir", store.toString());
    assertEquals(0, r.code(), r.err());
    String id = TrainEndToEndTest.onlyRun(store).getFileName().toString();
    assertTrue(r.out().contains("?workflowType=machine_learning"), "the printed link opens the training view: " + r.out());
    try (MlflowServer ui = MlflowServer.start(tmp.resolve("server"), store)) {
      String base = ui.uri() + "/#/experiments/1";
      String runs = page(base + "?workflowType=machine_learning", d -> d.contains("ring-test</"));
      assertTrue(runs.contains("Runs - Experiment 1"), "the training view's runs table, not GenAI traces");
      assertTrue(runs.contains(">ring (") && runs.contains(">train<") && runs.contains(">test<"),
          "the dataset column with the train and test inputs");
      assertTrue(runs.contains("ring-test-final"), "the logged model beside the run");
      String charts = page(base + "/runs/" + id + "/model-metrics?workflowType=machine_learning",
          d -> d.contains("title=\"test/elbo\"") && d.contains("title=\"samples\""));
      assertTrue(charts.contains("ring-test (test/elbo)"), "a chart of test/elbo with the run as its series");
      assertTrue(charts.contains("title=\"samples\""), "the image card of the images logged as 'samples'");
      String models = page(base + "/models?workflowType=machine_learning", d -> d.contains("ring-test-final"));
      assertTrue(models.matches("(?s).*ring-test-final.*Ready.*"), "the logged model, READY, in the Models tab");
    }
  }

  /** The DOM of {@code url} after Chromium ran its scripts; up to five tries, further apart each time, until {@code ready}. */
  private String page(String url, Predicate<String> ready) throws Exception {
    String dom = "";
    for (int attempt = 0; attempt < TRIES && !ready.test(dom); attempt++) {
      // real time between loads for the server (the virtual-time budget runs out fast when a page waits on it)
      if (attempt > 0) Thread.sleep(5_000L * attempt);
      Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,5000",
          "--virtual-time-budget=" + (30_000 + 15_000 * attempt), "--user-data-dir=" + tmp.resolve("chrome" + attempt),
          "--dump-dom", url)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
    }
    if (!ready.test(dom)) fail(url + ": not found after " + TRIES + " loads; text: " + text(dom));
    return dom;
  }

  private static String text(String dom) {
    String t = dom.replaceAll("(?s)<script.*?</script>|<style.*?</style>", "").replaceAll("<[^>]+>", " ")
        .replaceAll("\\s+", " ");
    return t.length() > 2000 ? t.substring(0, 2000) : t;
  }

  private static void requireChromium() {
    boolean there;
    try {
      there = new ProcessBuilder("chromium", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      there = false;
    }
    Required.that(there, "Chromium is not installed (apt-get install chromium; .ci/run does it)");
  }

}
