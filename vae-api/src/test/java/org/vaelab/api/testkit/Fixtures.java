package org.vaelab.api.testkit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Nd4jKernels;

/** Small deterministic tensors for contract tests. */
public final class Fixtures {
  private Fixtures() {}

  /** The double-precision reference backend used by gradient checks. */
  public static Kernels doubleKernels() {
    return new Nd4jKernels(DataType.DOUBLE);
  }

  /** Whether every element is finite (no NaN, no infinity). */
  public static boolean allFinite(INDArray a) {
    return !BooleanIndexing.or(a, Conditions.isNan()) && !BooleanIndexing.or(a, Conditions.isInfinite());
  }

  public static INDArray normal(Kernels k, long seed, long... shape) {
    INDArray a = k.create(shape);
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    Nd4j.getExecutioner().exec(new GaussianDistribution(a, 0.0, 1.0), rng);
    return a;
  }

  public static INDArray uniform(Kernels k, long seed, double lo, double hi, long... shape) {
    INDArray a = k.create(shape);
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    Nd4j.getExecutioner().exec(new UniformDistribution(a, lo, hi), rng);
    return a;
  }
}
