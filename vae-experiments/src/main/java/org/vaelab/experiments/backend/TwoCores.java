package org.vaelab.experiments.backend;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vaelab.api.engine.Adam;

/**
 * A second core for the memory-bound loops of cpu-vector (Adam, large activations, the convolutions' halves): the
 * upper part of a range runs on one helper thread while the caller does the lower part.
 */
final class TwoCores {
  /** The helper thread; null on one core. */
  private static final ExecutorService HELPER = Runtime.getRuntime().availableProcessors() < 2
      ? null : Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vaelab-helper");
        t.setDaemon(true);
        return t;
      });

  /** Work on elements [from, to) of some range. */
  interface Range {
    void run(int from, int to);
  }

  private TwoCores() {}

  static boolean available() {
    return HELPER != null;
  }

  /** Runs {@code [0, split)} here and {@code [split, n)} on the helper at the same time (all here without one). */
  static void run(int n, int split, Range task, String what) {
    if (HELPER == null || split <= 0 || split >= n) {
      task.run(0, n);
      return;
    }
    Future<?> upper = HELPER.submit(() -> task.run(split, n));
    task.run(0, split);
    try {
      upper.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + what, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(what + " failed", e.getCause());
    }
  }
}
