package org.vaelab.experiments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.config.ConfigException;

class CheckpointTest {
  private static Checkpoint at(int epochs, float value) {
    return new Checkpoint(Nd4j.valueArrayOf(5, value), Nd4j.zeros(5), Nd4j.ones(5), epochs, 0, epochs * 10L);
  }

  @Test
  void aPairRoundTrips() {
    Checkpoint c = at(2, 0.25f);
    byte[] model = c.modelBytes();
    Checkpoint back = Checkpoint.read(model, c.stateBytes(model));
    assertEquals(c.params(), back.params());
    assertEquals(2, back.epochsDone());
    assertEquals(20, back.step());
    assertEquals(null, back.stopping(), "no early stopping, no state");
    assertEquals(null, back.partial(), "stopped at an epoch's end, no partial sums");
  }

  @Test
  void theEarlyStoppingStateRoundTrips() {
    var st = new StoppingState(-228.5, 140, 7, false);
    Checkpoint c = new Checkpoint(Nd4j.valueArrayOf(5, 1f), Nd4j.zeros(5), Nd4j.ones(5), 147, 0, 1470L, st, null);
    byte[] model = c.modelBytes();
    assertEquals(st, Checkpoint.read(model, c.stateBytes(model)).stopping());
    assertEquals(c.params(), Checkpoint.readParams(Checkpoint.paramBytes(c.params())));
  }

  @Test
  void aStoppedEpochsSumsRoundTripToTheBit() {
    var soFar = new Checkpoint.PartialEpoch(-0.1 - 12345.678901234567 / 3, 9_876_543_210L, 12_345_678_901L);
    Checkpoint c = new Checkpoint(Nd4j.valueArrayOf(5, 1f), Nd4j.zeros(5), Nd4j.ones(5), 3, 17, 317L, null, soFar);
    byte[] model = c.modelBytes();
    assertEquals(soFar, Checkpoint.read(model, c.stateBytes(model)).partial());
  }

  @Test
  void aModelFromAnotherCheckpointIsRefused() {
    Checkpoint old = at(1, 0.25f);
    Checkpoint next = at(2, 0.5f);
    byte[] oldModel = old.modelBytes();
    ConfigException e = assertThrows(ConfigException.class,
        () -> Checkpoint.read(next.modelBytes(), old.stateBytes(oldModel)));
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
  }
}
