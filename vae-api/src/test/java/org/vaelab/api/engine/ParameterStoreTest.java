package org.vaelab.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.vaelab.api.testkit.Fixtures;

class ParameterStoreTest {
  @Test
  void layersHoldViewsOfTheFlatArrays() {
    Kernels k = new Nd4jKernels(DataType.FLOAT);
    Dense a = new Dense(3, 2, Activation.RELU);
    Dense b = new Dense(2, 4, Activation.TANH);
    ParameterStore store = ParameterStore.allocate(List.of(a, b), k);
    assertEquals(3 * 2 + 2 + 2 * 4 + 4, store.size());
    store.values().assign(0);
    a.plan(1, k);
    assertEquals(0.0, a.forward(k.create(1, 3).addi(1)).sumNumber().doubleValue());
    store.values().assign(1);
    assertEquals(2 * 4.0, a.forward(k.create(1, 3).addi(1)).sumNumber().doubleValue(), 1e-6,
        "writing the flat array changes what the layer computes");
  }

  @Test
  void aSliceIsTheSameMemoryForAStageThatTrainsSomeParts() {
    Kernels k = new Nd4jKernels(DataType.FLOAT);
    ParameterStore store = ParameterStore.allocate(List.of(new Dense(3, 2, Activation.RELU), new Dense(2, 4, Activation.TANH)), k);
    ParameterStore second = store.slice(2, 4);
    assertEquals(2, second.tensors());
    assertEquals(2 * 4 + 4, second.size());
    store.values().assign(0);
    second.values().assign(1);
    second.grads().assign(3);
    assertEquals(12.0, store.values().sumNumber().doubleValue(), "the slice writes the second layer's values");
    assertEquals(36.0, store.grads().sumNumber().doubleValue());
    assertEquals(1.0, store.valueViews().get(2).getDouble(0, 0));
    assertEquals(store.valueViews().get(3), second.valueViews().get(1));
  }

  @Test
  void initialisationIsBoundedByFanInAndReproducible() {
    Kernels k = Fixtures.doubleKernels();
    ParameterStore s1 = ParameterStore.allocate(List.of(new Dense(100, 10, Activation.RELU)), k);
    ParameterStore s2 = ParameterStore.allocate(List.of(new Dense(100, 10, Activation.RELU)), k);
    ParameterStore s3 = ParameterStore.allocate(List.of(new Dense(100, 10, Activation.RELU)), k);
    s1.initialise(5);
    s2.initialise(5);
    s3.initialise(6);
    assertTrue(s1.values().amaxNumber().doubleValue() <= 0.1);
    assertTrue(s1.values().amaxNumber().doubleValue() > 0.09);
    assertEquals(s1.values(), s2.values());
    assertNotEquals(s1.values(), s3.values());
  }
}
