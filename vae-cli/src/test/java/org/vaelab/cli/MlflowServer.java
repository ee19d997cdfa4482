package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code mlflow server} (sqlite backend, artifacts in a temp dir) on a free port of 127.0.0.1,
 * for integration tests. {@link #close()} stops it and its workers by PID.
 */
final class MlflowServer implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path dir;
  private final int port;
  private final Path fileStore;
  private Process process;

  private MlflowServer(Path dir, int port, Path fileStore) {
    this.dir = dir;
    this.port = port;
    this.fileStore = fileStore;
  }

  static MlflowServer start(Path dir) throws Exception {
    return start(dir, null);
  }

  /** A server over the MLflow file store {@code fileStore} (as {@code mlflow ui} on a store vaelab wrote), or sqlite if null. */
  static MlflowServer start(Path dir, Path fileStore) throws Exception {
    MlflowPython.require();
    Files.createDirectories(dir);
    MlflowServer s = new MlflowServer(dir, freePort(), fileStore);
    s.start();
    return s;
  }

  String uri() { return "http://127.0.0.1:" + port; }

  /** The server's sqlite store, artifact root and log. */
  Path dir() { return dir; }

  /** Starts (or restarts) the server on the same port and database, and waits for /health. */
  void start() throws Exception {
    Path log = dir.resolve("server.log");
    List<String> store = fileStore != null ? List.of("--backend-store-uri", fileStore.toString())
        : List.of("--backend-store-uri", "sqlite:///" + dir.resolve("mlflow.db"), "--artifacts-destination",
            dir.resolve("artifacts").toString());
    List<String> command = new java.util.ArrayList<>(List.of("python3", "-m", "mlflow", "server", "--host", "127.0.0.1",
        "--port", String.valueOf(port), "--workers", "1"));
    command.addAll(store);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("MLFLOW_ALLOW_FILE_STORE", "true");
    process = pb.start();
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) fail("mlflow server exited with " + process.exitValue() + ": " + tail(log));
      if (healthy()) return;
      Thread.sleep(250);
    }
    stop();
    fail("mlflow server not healthy after 120 s: " + tail(log));
  }

  /** Stops the server and every process it started; the database stays. */
  void stop() throws InterruptedException {
    if (process == null) return;
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    children.forEach(ProcessHandle::destroyForcibly);
    process = null;
    while (healthy()) Thread.sleep(100);
  }

  private boolean healthy() {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri() + "/health"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A POST to the REST API ({@code path} after {@code /api/2.0/mlflow/}); returns the body. */
  String post(String path, String json) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri() + "/api/2.0/mlflow/" + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) fail("POST " + path + ": " + r.statusCode() + " " + r.body());
    return r.body();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

}
