package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.TrackerProvider;
import org.vaelab.api.track.RunSpec;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tracker;

/** Contract of a tracker: a run can be written, finished, and reopened to read its artifacts. */
public abstract class TrackerContract<C extends Record, P extends TrackerProvider<C>> extends ProviderContract<C, P> {
  @TempDir protected Path dir;

  @Override protected PluginKind kind() { return PluginKind.TRACKER; }

  /** A config that stores runs under {@code dir}. */
  protected abstract C configIn(Path dir);

  @Test
  void runRoundTripsArtifactsAndCanBeResumed() {
    C c = configIn(dir);
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    String id;
    try (Tracker t = provider().start(c, new RunSpec("contract", "run-1", Map.of("k", "v")))) {
      id = t.runId();
      assertFalse(id.isBlank());
      t.logParams(Map.of("a.b", "1"));
      t.logMetric("train/loss", 1.5, 0);
      t.logMetric("train/loss", 1.25, 1);
      t.logArtifact("sub/file.txt", content);
      t.finish(RunStatus.FINISHED);
    }
    try (Tracker t = provider().resume(c, id)) {
      assertEquals(id, t.runId());
      assertArrayEquals(content, t.readArtifact("sub/file.txt").orElseThrow());
      assertFalse(t.readArtifact("missing.txt").isPresent());
      t.finish(RunStatus.FINISHED);
    }
  }
}
