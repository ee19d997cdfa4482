package org.vaelab.experiments.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class TwoCoresTest {
  /** Marks each element of [0, n) once per call: both halves ran, neither twice, and both before the call returned. */
  private static int[] countedRuns(int calls, int n, int split, long pauseEveryNanos) throws Exception {
    AtomicIntegerArray seen = new AtomicIntegerArray(n);
    for (int c = 0; c < calls; c++) {
      TwoCores.run(n, split, (from, to) -> {
        for (int i = from; i < to; i++) seen.incrementAndGet(i);
      }, "a test");
      if (seen.get(n - 1) != c + 1) throw new AssertionError("call " + c + " returned before its upper half ended");
      if (pauseEveryNanos > 0 && c % 50 == 0) Thread.sleep(0, (int) Math.min(pauseEveryNanos, 999_999));
      if (pauseEveryNanos > 0 && c % 200 == 0) Thread.sleep(2);  // past the spin: the helper sleeps and is woken
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = seen.get(i);
    return out;
  }

  /** With one-thread products the two spin while they wait; with more they sleep at once. */
  @Test
  void everyElementRunsOnceACallWhetherTheHelperSpinsOrSleeps() throws Exception {
    int calls = 3000;
    int[] expected = new int[10];
    java.util.Arrays.fill(expected, calls);
    for (int threads : new int[] {1, 2}) {
      Blas.useThreads(threads);
      assertArrayEquals(expected, countedRuns(calls, 10, 4, 0), threads + " product threads");
      assertArrayEquals(expected, countedRuns(calls, 10, 4, 500_000), threads + " product threads, with pauses");
    }
  }

  @Test
  void aFailureInEitherHalfReachesTheCallerAndTheHelperStaysUsable() throws Exception {
    IllegalArgumentException upper = assertThrows(IllegalArgumentException.class, () -> TwoCores.run(2, 1, (from, to) -> {
      if (from == 1) throw new IllegalArgumentException("upper half");
    }, "a test"));
    assertEquals("upper half", upper.getMessage());
    IllegalStateException lower = assertThrows(IllegalStateException.class, () -> TwoCores.run(2, 1, (from, to) -> {
      if (from == 0) throw new IllegalStateException("lower half");
    }, "a test"));
    assertEquals("lower half", lower.getMessage());
    int[] expected = new int[6];
    java.util.Arrays.fill(expected, 100);
    assertArrayEquals(expected, countedRuns(100, 6, 3, 0));
  }

  @Test
  void callersOnTwoThreadsAtOnceEachGetTheirWholeRange() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<int[]> a = pool.submit(() -> countedRuns(2000, 8, 3, 0));
      Future<int[]> b = pool.submit(() -> countedRuns(2000, 8, 5, 0));
      int[] expected = new int[8];
      java.util.Arrays.fill(expected, 2000);
      assertArrayEquals(expected, a.get());
      assertArrayEquals(expected, b.get());
    } finally {
      pool.shutdownNow();
    }
  }
}
