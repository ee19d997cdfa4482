package org.vaelab.experiments.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.track.RunSpec;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tracker;
import org.vaelab.api.testkit.TrackerContract;

class FileStoreProviderTest extends TrackerContract<FileStoreConfig, FileStoreProvider> {
  @Override protected FileStoreProvider provider() { return new FileStoreProvider(); }

  @Override protected FileStoreConfig configIn(Path dir) { return new FileStoreConfig(dir.toString()); }

  @Override protected List<Map<String, Object>> invalidConfigs() { return List.of(Map.of("dir", " ")); }

  @Test
  void writesMlflowsFileStoreLayout() throws IOException {
    String id;
    try (Tracker t = provider().start(configIn(dir), new RunSpec("exp", "my run", Map.of()))) {
      id = t.runId();
      t.logParams(Map.of("encoder.latentDim", "20"));
      t.logMetric("test/elbo", -250.5, 7);
      t.finish(RunStatus.FINISHED);
    }
    Path exp = dir.resolve("1");
    assertTrue(Files.readString(exp.resolve("meta.yaml")).contains("name: 'exp'"));
    assertTrue(Files.readString(dir.resolve("0/meta.yaml")).contains("name: 'Default'"));
    Path run = exp.resolve(id);
    String meta = Files.readString(run.resolve("meta.yaml"));
    assertTrue(meta.contains("status: 3") && meta.contains("run_id: " + id) && meta.contains("experiment_id: '1'"), meta);
    assertEquals("20", Files.readString(run.resolve("params/encoder.latentDim")));
    assertEquals("my run", Files.readString(run.resolve("tags/mlflow.runName")));
    assertTrue(Files.readString(run.resolve("metrics/test/elbo")).matches("\\d+ -250\\.5 7\n"));
    try (Tracker t = provider().start(configIn(dir), new RunSpec("exp", "again", Map.of()))) {
      assertTrue(Files.isDirectory(exp.resolve(t.runId())), "same experiment found by name");
      t.finish(RunStatus.FINISHED);
    }
  }

  @Test
  void artifactPathsCannotEscapeTheRun() {
    try (Tracker t = provider().start(configIn(dir), new RunSpec("exp", "r", Map.of()))) {
      assertThrows(ConfigException.class, () -> t.logArtifact("../../evil.txt", new byte[1]));
      t.finish(RunStatus.FINISHED);
    }
  }

  @Test
  void runsCanBeReadWhileAnotherWriterUpdatesTheirTags() throws Exception {
    Tracker t = provider().start(configIn(dir), new RunSpec("busy", "run", Map.of()));
    java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; i < 3000; i++) {
          t.setTag("vaelab.heartbeat", String.valueOf(i));
          if (i == 0) started.countDown();
        }
      } catch (Throwable e) {
        failed.set(e);
        started.countDown();
      }
    });
    writer.start();
    started.await();
    LocalStore store = new LocalStore(dir);
    int reads = 0;
    do {
      for (LocalRun r : store.runs()) assertTrue(r.tags().containsKey("mlflow.runName"));
      reads++;
    } while (writer.isAlive() || reads < 20);
    writer.join();
    if (failed.get() != null) throw new AssertionError("the writer failed", failed.get());
    assertEquals("2999", new LocalStore(dir).runs().get(0).tags().get("vaelab.heartbeat"), "every write landed");
    t.finish(RunStatus.FINISHED);
  }
}
