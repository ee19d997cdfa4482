package org.vaelab.experiments.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.vaelab.api.engine.Kernels;
import org.vaelab.experiments.model.VaeModel;

/**
 * Independent batches of an evaluation on one worker per core: each worker gets a replica of the
 * model on its own single-threaded backend and takes batches until none are left. The worker count
 * is capped by {@code -Dvaelab.evalThreads=N}; a model that cannot be replicated runs on the caller's thread.
 */
final class EvalWorkers {
  /**
   * Threads kept between evaluations (idle for up to 10 minutes): new threads at every periodic
   * evaluation each took native memory (a malloc arena, the BLAS's thread state) that grew the process.
   */
  private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.MINUTES,
      new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "vaelab-eval");
        t.setDaemon(true);
        return t;
      });

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
      List<VaeModel> replicas = model.evaluationReplicas(workers, rows);
      List<Future<?>> running = new ArrayList<>();
      try {
        for (VaeModel m : replicas) running.add(POOL.submit(() -> frozen(m, work)));
        for (Future<?> f : running) f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while estimating " + what, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        if (e.getCause() instanceof Error err) throw err;
        throw new IllegalStateException(e.getCause());
      } finally {
        for (Future<?> f : running) f.cancel(true);
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
