package org.vaelab.experiments.track;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A scripted stand-in for an MLflow server on 127.0.0.1: records every request, answers with {@code answer}. */
final class FakeMlflow implements AutoCloseable {
  record Request(String method, String path, String authorization, String body) {}

  record Answer(int status, String body) {}

  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final HttpServer server;

  FakeMlflow(Function<Request, Answer> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().toString(),
          ex.getRequestHeaders().getFirst("Authorization"),
          new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      requests.add(r);
      Answer a = answer.apply(r);
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  String uri() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

  List<Request> to(String pathPart) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.path().contains(pathPart)).toList();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
