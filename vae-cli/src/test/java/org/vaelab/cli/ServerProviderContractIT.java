package org.vaelab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vaelab.api.testkit.TrackerContract;
import org.vaelab.experiments.track.ServerConfig;
import org.vaelab.experiments.track.ServerProvider;

/** The tracker plugin contract, run against the {@code mlflow-server} tracker and a real MLflow server. */
class ServerProviderContractIT extends TrackerContract<ServerConfig, ServerProvider> {
  @RegisterExtension static final MlflowServerExtension MLFLOW = new MlflowServerExtension();

  @Override protected ServerProvider provider() { return new ServerProvider(); }

  @Override protected ServerConfig configIn(Path dir) { return new ServerConfig(MLFLOW.server().uri(), 10, 10, 0.1, 60); }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("uri", "ftp://x"), Map.of("uri", "http://u:p@h:1"), Map.of("timeoutSeconds", 0),
        Map.of("flushSeconds", -1));
  }
}
