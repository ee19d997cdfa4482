package org.vaelab.experiments.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.vaelab.api.engine.Kernels;
import org.vaelab.experiments.model.VaeModel;

/**
 * Independent batches of an evaluation on one worker per core: each worker gets a replica of the
 * model on its own single-threaded backend and takes batches until none are left. The worker count
 * is capped by {@code -Dvaelab.evalThreads=N}; a model that cannot be replicated runs on the caller's thread.
 */
final class EvalWorkers {
  private EvalWorkers() {}

  /** The most workers an evaluation uses: the cores, or {@code -Dvaelab.evalThreads}. */
  static int threads() {
    return Integer.getInteger("vaelab.evalThreads", Runtime.getRuntime().availableProcessors());
  }

  /**
   * Runs {@code work} on up to {@code threads} replicas of {@code model} ({@code rows} rows each) in
   * parallel, or once on {@code model} itself when no workers are available; each model is frozen
   * meanwhile. Returns after all have finished; a worker's exception is rethrown.
   */
  static void run(VaeModel model, int threads, int rows, String what, Consumer<VaeModel> work) {
    List<Kernels> workers = threads >= 1 && model.replicable() ? model.kernels().workers(threads) : List.of();
    try {
      if (workers.isEmpty()) {
        frozen(model, work);
        return;
      }
      List<VaeModel> replicas = new ArrayList<>();
      for (Kernels w : workers) replicas.add(model.replica(w, rows));
      ExecutorService pool = Executors.newFixedThreadPool(replicas.size(), r -> {
        Thread t = new Thread(r, "vaelab-eval");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<?>> running = new ArrayList<>();
        for (VaeModel m : replicas) running.add(pool.submit(() -> frozen(m, work)));
        for (Future<?> f : running) f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while estimating " + what, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        if (e.getCause() instanceof Error err) throw err;
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    } finally {
      if (!workers.isEmpty()) model.kernels().endWorkers();
    }
  }

  private static void frozen(VaeModel m, Consumer<VaeModel> work) {
    try (VaeModel.Frozen fixed = m.frozen()) {
      work.accept(m);
    }
  }
}
