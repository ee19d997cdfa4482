package org.vaelab.experiments.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.config.ConfigException;

class TrackingUriTest {
  @Test
  void httpSelectsTheServerTrackerAndPathsTheFileStore() {
    assertEquals(Map.of("type", "mlflow-server", "uri", "https://mlflow.example:443"),
        TrackingUri.trackerSection("https://mlflow.example:443", "--tracking-uri"));
    assertEquals(Map.of("type", "mlflow-file", "dir", "/data/mlruns"), TrackingUri.trackerSection("file:///data/mlruns", "x"));
    assertEquals(Map.of("type", "mlflow-file", "dir", "runs/here"), TrackingUri.trackerSection("runs/here", "x"));
  }

  @Test
  void otherSchemesAreRefusedWithoutEchoingCredentials() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> TrackingUri.trackerSection("databricks://user:tok3n@host", "MLFLOW_TRACKING_URI"));
    assertTrue(e.getMessage().startsWith("MLFLOW_TRACKING_URI: "), e.getMessage());
    assertFalse(e.getMessage().contains("tok3n"), e.getMessage());
  }

  @Test
  void credentialsInTheServerUriAreRefusedWithoutEchoingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ServerConfig("http://bob:hunter2@127.0.0.1:5000", 30, 120, 2, 600));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("MLFLOW_TRACKING_PASSWORD"), e.getMessage());
  }
}
