package org.vaelab.experiments.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.vaelab.api.config.ConfigException;

/** Retries a server call with exponential backoff, only on I/O errors, HTTP 5xx and 429. */
final class Retry {
  static final long FIRST_WAIT_MILLIS = 250;
  static final long MAX_WAIT_MILLIS = 8000;

  private Retry() {}

  /** True for failures worth retrying: the server may answer later. */
  static boolean retryable(RuntimeException e) {
    if (e instanceof MlflowHttpException h) return h.getStatusCode() == 429 || h.getStatusCode() >= 500;
    if (e instanceof HttpStatusException h) return h.status() == 429 || h.status() >= 500;
    if (e instanceof UncheckedIOException) return true;
    return e instanceof MlflowClientException && e.getCause() instanceof IOException;
  }

  /** Runs {@code op}, retrying retryable failures until {@code budgetMillis} is spent. */
  static <T> T call(String what, long budgetMillis, Supplier<T> op) {
    long deadline = System.currentTimeMillis() + budgetMillis;
    long wait = FIRST_WAIT_MILLIS;
    boolean warned = false;
    while (true) {
      try {
        return op.get();
      } catch (ConfigException e) {
        throw e;
      } catch (RuntimeException e) {
        if (!retryable(e)) throw new ServerException(what + ": " + describe(e), e);
        if (System.currentTimeMillis() + wait > deadline) {
          throw new ServerException(what + ": server unavailable (" + describe(e) + ")", e);
        }
        if (!warned) {
          System.err.println("vae: " + what + ": " + describe(e) + "; retrying for up to "
              + Math.round(budgetMillis / 1000.0) + " s");
          warned = true;
        }
        sleep(wait);
        wait = Math.min(MAX_WAIT_MILLIS, wait * 2);
      }
    }
  }

  static void run(String what, long budgetMillis, Runnable op) {
    call(what, budgetMillis, () -> {
      op.run();
      return null;
    });
  }

  /** A short description of a failed call, without request headers (credentials never appear). */
  static String describe(RuntimeException e) {
    if (e instanceof MlflowHttpException h) {
      return "HTTP " + h.getStatusCode() + " " + oneLine(h.getBodyMessage());
    }
    Throwable root = e.getCause() != null ? e.getCause() : e;
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + oneLine(root.getMessage()));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerException("interrupted while waiting for the MLflow server", e);
    }
  }

  private static String oneLine(String s) {
    if (s == null) return "";
    String line = s.replaceAll("\\s+", " ").trim();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
