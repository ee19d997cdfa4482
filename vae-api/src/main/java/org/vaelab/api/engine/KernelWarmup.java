package org.vaelab.api.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * Gets cpu-vector's loop bodies compiled by C2 before the first training step: Vector API code runs
 * ~40x slower until C2 has compiled it, which made the first ~7 steps of a run take about a second.
 * {@link #start} calls each body a few thousand times on tiny arrays of its own, on a background
 * thread, while the main thread loads ND4J and the data (quickstart epoch 1: 19,400 -> 23,300
 * samples/s; the process ends ~0.2 s sooner, as the load runs ~0.3 s longer beside it). It touches
 * nothing a run uses, and the Vector API gives the same bits interpreted and compiled, so results do
 * not depend on it ({@code KernelWarmupIT}).
 */
public final class KernelWarmup {
  /** Past C2's invocation threshold (5,000 by default), so each body is compiled at normal entry. */
  private static final int CALLS = 6000;
  private static final int LANES = FloatVector.SPECIES_PREFERRED.length();
  private static Thread thread;

  private KernelWarmup() {}

  /**
   * Starts the warm-up once per process (later calls do nothing); a no-op without the Vector API
   * module or with {@code -Dvaelab.warmup=false}.
   */
  public static synchronized void start() {
    if (thread != null || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()
        || !Boolean.parseBoolean(System.getProperty("vaelab.warmup", "true"))) {
      return;
    }
    thread = new Thread(KernelWarmup::run, "kernel-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static ByteBuffer direct(int floats, float first, float step) {
    // direct buffers, the class the kernels see (their memory is ND4J's), so C2's type profile matches
    ByteBuffer b = ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder());
    for (int i = 0; i < floats; i++) b.putFloat(4 * i, first + step * i);
    return b;
  }

  private static void run() {
    int cols = 2 * LANES + 3;  // whole vectors and a tail
    int whole = 2 * LANES;
    ByteBuffer x = direct(cols, -3f, 0.2f);
    ByteBuffer y = direct(cols, 0f, 0.03f);
    ByteBuffer zero = direct(cols, 0f, 0f);
    ByteBuffer out = direct(cols, 0f, 0f);
    ByteBuffer grad = direct(cols, 0f, 0f);
    ByteBuffer[] adam = {direct(cols, -1f, 0.05f), direct(cols, 0.01f, 0.001f), direct(cols, 0f, 0f), direct(cols, 1f, 0f)};
    float[] logits = new float[cols];
    float[] targets = new float[cols];
    float[] gradient = new float[cols];
    for (int j = 0; j < cols; j++) {
      logits[j] = -4f + 0.3f * j;
      targets[j] = (j % 3) / 2f;
    }
    float[] sums = new float[cols];
    float[] lanes = new float[LANES];
    for (int i = 0; i < CALLS; i++) {
      // ReLU only: warming every activation left C2's code for the switch 3x slower (measured); a
      // model with another one recompiles once, as it would without the warm-up
      VectorKernels.biasActivationRow(x, zero, out, 0, cols, Activation.RELU);
      VectorKernels.activationBackwardRow(y, x, out, grad, 0, cols, Activation.RELU, sums);
      VectorKernels.bernoulliRow(logits, targets, gradient, 1f, cols);
      VectorKernels.gaussianRow(x, y, grad, 0, cols, 0.5f);
      VectorKernels.klRow(x, y, grad, out, 0, cols, 1e-3);
      VectorKernels.adamChunk(adam, 0, cols, 0.9f, 0.999f, 1e-3f, 1e-8f);
      VectorKernels.squaresChunk(x, 0, whole, lanes);
      VectorKernels.flushChunk(grad, 0, whole);
    }
  }
}
