package org.vaelab.experiments.backend;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A second core for the memory-bound loops of cpu-vector (Adam, large activations, the convolutions' halves): the
 * upper part of a range runs on one helper thread while the caller does the lower part. The two hand work over by
 * spinning for a short while before they sleep: a thread's wake-up costs more than a small half, and a step hands
 * over dozens (figures: docs/performance.md).
 */
final class TwoCores {
  /**
   * How long the helper waits awake for the next task, and the caller for the helper's part, before sleeping;
   * none when this process was given one core's products ({@code vaelab.gemmThreads}, as sweep trials run side
   * by side are).
   */
  private static final long SPIN_NANOS = Blas.gemmThreads() >= 2 ? 200_000 : 0;

  /**
   * Spinning only while the products run on one thread each (the convolutions' halves): a multi-threaded
   * product's BLAS thread waits awake for a while after it, and a spinning pair would keep it from a core.
   */
  private static long spinNanos() {
    return Blas.oneThread() ? SPIN_NANOS : 0;
  }

  /** The helper; null on one core. */
  private static final Helper HELPER = Runtime.getRuntime().availableProcessors() < 2 ? null : new Helper();

  /** Work on elements [from, to) of some range. */
  interface Range {
    void run(int from, int to);
  }

  private TwoCores() {}

  static boolean available() {
    return HELPER != null;
  }

  /**
   * Runs {@code [0, split)} here and {@code [split, n)} on the helper at the same time (all here without one, or
   * while another thread has it).
   */
  static void run(int n, int split, Range task, String what) {
    if (HELPER == null || split <= 0 || split >= n || !HELPER.busy.compareAndSet(false, true)) {
      task.run(0, n);
      return;
    }
    try {
      HELPER.start(() -> task.run(split, n));
      Throwable lower = null;
      try {
        task.run(0, split);
      } catch (Throwable t) {
        lower = t;
      }
      Throwable upper = HELPER.await();
      Throwable failed = lower != null ? lower : upper;
      if (failed instanceof RuntimeException r) throw r;
      if (failed instanceof Error e) throw e;
      if (failed != null) throw new IllegalStateException(what + " failed", failed);
    } finally {
      HELPER.busy.set(false);
    }
  }

  /** One daemon thread that runs one task at a time, handed over through volatile fields. */
  private static final class Helper implements Runnable {
    final AtomicBoolean busy = new AtomicBoolean();
    private final Thread thread;
    private volatile Runnable task;
    private volatile boolean done;
    private volatile boolean sleeping;
    private Throwable failure;

    Helper() {
      thread = new Thread(this, "vaelab-helper");
      thread.setDaemon(true);
      thread.start();
    }

    void start(Runnable r) {
      done = false;
      task = r;
      if (sleeping) LockSupport.unpark(thread);
    }

    /**
     * Waits for the task given to {@link #start}, even when interrupted (the helper must be free before the
     * next start); returns what it threw, or null.
     */
    Throwable await() {
      long since = System.nanoTime();
      long spin = spinNanos();
      while (!done) {
        if (System.nanoTime() - since < spin) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(20_000);
        }
      }
      Throwable t = failure;
      failure = null;
      return t;
    }

    @Override
    public void run() {
      while (true) {
        Runnable r = next();
        try {
          r.run();
        } catch (Throwable t) {
          failure = t;
        }
        done = true;  // after failure's write: the caller reads it after seeing done
      }
    }

    /** The next task: spins a while, then sleeps until {@link #start} wakes it. */
    private Runnable next() {
      long since = System.nanoTime();
      long spin = spinNanos();
      while (true) {
        Runnable r = task;
        if (r != null) {
          task = null;
          return r;
        }
        if (System.nanoTime() - since < spin) {
          Thread.onSpinWait();
          continue;
        }
        sleeping = true;
        if (task == null) LockSupport.park(this);
        sleeping = false;
      }
    }
  }
}
