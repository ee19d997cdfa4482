package org.vaelab.api.engine;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A {@code [maxBatch, width]} buffer whose first {@code b} rows are handed out as cached views,
 * so that a partial last batch runs on the same memory without allocating.
 */
public final class BatchBuffer {
  private final INDArray full;
  private final Map<Integer, INDArray> views = new HashMap<>();

  public BatchBuffer(Kernels kernels, int maxBatch, long width) {
    this.full = kernels.create(maxBatch, width);
    views.put(maxBatch, full);
  }

  /** The first {@code b} rows, a view. */
  public INDArray rows(long b) {
    return views.computeIfAbsent((int) b, n -> full.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()));
  }

  public long maxBatch() {
    return full.size(0);
  }
}
