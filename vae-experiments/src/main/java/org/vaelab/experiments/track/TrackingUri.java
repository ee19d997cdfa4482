package org.vaelab.experiments.track;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vaelab.api.config.ConfigException;

/** Turns a tracking URI ({@code --tracking-uri} or {@code MLFLOW_TRACKING_URI}) into a tracker config section. */
public final class TrackingUri {
  /** The UI query that opens a page in the training view: MLflow 3.17's UI picks it by this, not by the experiment tag. */
  public static final String TRAINING_VIEW = "workflowType=machine_learning";

  private TrackingUri() {}

  /**
   * {@code http(s)://…} gives the {@code mlflow-server} tracker; {@code file:/path} or a plain path
   * gives the {@code mlflow-file} store in that directory. {@code where} names the option in errors.
   */
  public static Map<String, Object> trackerSection(String uri, String where) {
    Map<String, Object> m = new LinkedHashMap<>();
    String u = uri.trim();
    if (u.isEmpty()) throw new ConfigException(where + ": must not be empty");
    if (u.startsWith("http://") || u.startsWith("https://")) {
      m.put("type", "mlflow-server");
      m.put("uri", u);
    } else if (u.startsWith("file:")) {
      m.put("type", "mlflow-file");
      try {
        m.put("dir", Path.of(URI.create(u)).toString());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + ": '" + u + "' is not a valid file: URI (use file:///absolute/path)");
      }
    } else if (!u.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      m.put("type", "mlflow-file");
      m.put("dir", u);
    } else {
      throw new ConfigException(where + ": '" + ServerConfig.redacted(u) + "' is not supported; use http(s)://host:port, "
          + "file:///path or a directory");
    }
    return m;
  }
}
