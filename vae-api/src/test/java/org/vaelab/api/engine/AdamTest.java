package org.vaelab.api.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.testkit.Fixtures;

class AdamTest {
  private static double[] stepWith(double gradScale, boolean normalise) {
    return stepWith(gradScale, normalise, false);
  }

  /** One step from fixed weights and gradient; {@code squaresGiven}: the tensors' sums of squares handed in, as the trainer does. */
  private static double[] stepWith(double gradScale, boolean normalise, boolean squaresGiven) {
    Kernels k = Fixtures.doubleKernels();
    ParameterStore store = ParameterStore.allocate(List.of(new Dense(3, 2, Activation.IDENTITY)), k);
    store.initialise(7);
    Adam adam = new Adam(k, store, 0.01, 0.9, 0.999, 1e-8);
    if (normalise) adam.normaliseGradientsPerTensor();
    INDArray g = Fixtures.normal(k, 3, store.size());
    store.grads().assign(g.muli(gradScale));
    store.grads().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(6, 8)).muli(1000);  // the bias: another scale
    double[] squares = adam.tensorSquares();
    if (squaresGiven) {
      for (int t = 0; t < squares.length; t++) squares[t] = k.sumOfSquares(store.gradViews().get(t));
      adam.step(squares);
    } else {
      adam.step();
    }
    return store.values().toDoubleVector();
  }

  @Test
  void sumsOfSquaresHandedInGiveTheSameStep() {
    assertArrayEquals(stepWith(3.0, true, false), stepWith(3.0, true, true), 0.0);
    assertEquals(null, new Adam(Fixtures.doubleKernels(), ParameterStore.allocate(List.of(new Dense(3, 2,
        Activation.IDENTITY)), Fixtures.doubleKernels()), 0.01, 0.9, 0.999, 1e-8).tensorSquares(), "none to fill without normalisation");
  }

  @Test
  void aStepReadingTheSquaresIsTheStepAndReturnsThem() {
    Kernels k = Fixtures.doubleKernels();
    double[][] after = new double[2][];
    double read = 0;
    for (int i = 0; i < 2; i++) {
      ParameterStore store = ParameterStore.allocate(List.of(new Dense(3, 2, Activation.IDENTITY)), k);
      store.initialise(7);
      Adam adam = new Adam(k, store, 0.01, 0.9, 0.999, 1e-8);
      store.grads().assign(Fixtures.normal(k, 3, store.size()));
      if (i == 0) {
        adam.step();
      } else {
        read = adam.stepReadingSquares();
        assertEquals(k.sumOfSquares(store.grads()), read, 0.0);
        adam.normaliseGradientsPerTensor();
        assertThrows(IllegalStateException.class, adam::stepReadingSquares);
      }
      after[i] = store.values().toDoubleVector();
    }
    assertArrayEquals(after[0], after[1], 0.0);
    assertTrue(read > 0);
  }

  @Test
  void perTensorNormalisationMakesTheUpdateIndependentOfEachTensorsGradientScale() {
    assertArrayEquals(stepWith(1.0, true), stepWith(1e-4, true), 1e-9);
    // the first Adam step is ±lr per element whatever the scale, so compare the moment it leaves behind
    Kernels k = Fixtures.doubleKernels();
    ParameterStore store = ParameterStore.allocate(List.of(new Dense(3, 2, Activation.IDENTITY)), k);
    Adam adam = new Adam(k, store, 0.01, 0.9, 0.999, 1e-8);
    adam.normaliseGradientsPerTensor();
    store.grads().assign(Fixtures.normal(k, 3, store.size()).muli(250));
    adam.step();
    INDArray m = adam.firstMoment();
    INDArray w = m.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 6));
    INDArray b = m.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(6, 8));
    assertEquals(0.1, w.norm2Number().doubleValue(), 1e-6, "(1 - beta1) x a unit-norm W gradient");
    assertEquals(0.1, b.norm2Number().doubleValue(), 1e-6, "(1 - beta1) x a unit-norm b gradient");
  }
}
