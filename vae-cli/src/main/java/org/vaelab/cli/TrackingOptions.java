package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.track.TrackingUri;

/** Where runs are tracked: {@code --tracking-uri}, {@code --tracking-dir}, else {@code MLFLOW_TRACKING_URI}, else the config. */
final class TrackingOptions {
  static final String ENV = "MLFLOW_TRACKING_URI";

  @Parameter(names = "--tracking-uri", description = "MLflow server http(s)://host:port or file store file:///dir "
      + "(default: $MLFLOW_TRACKING_URI, else the config's tracker: ./mlruns)")
  String uri;

  @Parameter(names = "--tracking-dir", description = "MLflow file store directory (default: the config's tracker.dir, mlruns)")
  String dir;

  /** The tracker section these options ask for, if any. */
  Optional<Map<String, Object>> section(Map<String, String> env) {
    if (uri != null && dir != null) throw new CliException("--tracking-uri and --tracking-dir: give one, not both");
    if (uri != null) return Optional.of(TrackingUri.trackerSection(uri, "--tracking-uri"));
    if (dir != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "mlflow-file");
      m.put("dir", dir);
      return Optional.of(m);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) return Optional.of(TrackingUri.trackerSection(fromEnv, ENV));
    return Optional.empty();
  }

  /** A config loader that applies these options to every config's tracker section. */
  ConfigLoader loader(PluginRegistry registry, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader(registry);
    return section(env).map(loader::withTracker).orElse(loader);
  }

  /** The tracker these options (or the defaults) select, for commands that work on an existing run. */
  static PluginChoice tracker(ConfigLoader loader) {
    return loader.resolve(new LinkedHashMap<>(), List.of(), "tracking options").tracker();
  }
}
