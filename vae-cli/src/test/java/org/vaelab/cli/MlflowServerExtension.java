package org.vaelab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One real MLflow server for a test class: {@code @RegisterExtension static MlflowServerExtension mlflow = …}. */
final class MlflowServerExtension implements BeforeAllCallback, AfterAllCallback {
  private Path dir;
  private MlflowServer server;

  MlflowServer server() { return server; }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("mlflow-server");
    server = MlflowServer.start(dir);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (server != null) server.close();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
