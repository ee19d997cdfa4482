package org.vaelab.experiments.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Turns [0, 1] intensities into {0, 1} values. */
public final class Binarizer {
  private Binarizer() {}

  /** In place: x = x > 0.5. */
  public static void threshold(INDArray x) {
    BooleanIndexing.replaceWhere(x, 1.0, Conditions.greaterThan(0.5));
    BooleanIndexing.replaceWhere(x, 0.0, Conditions.lessThanOrEqual(0.5));
  }

  /** A new array with x_i ~ Bernoulli(p_i), reproducible from {@code seed}. */
  public static INDArray sample(INDArray p, long seed) {
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    INDArray u = Nd4j.create(p.dataType(), p.shape());
    Nd4j.getExecutioner().exec(new UniformDistribution(u, 0.0, 1.0), rng);
    return u.lt(p).castTo(p.dataType());
  }
}
