package org.vaelab.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.engine.Activation;

class RecordMapsTest {
  record Sample(List<Integer> dims, int size, double rate, Activation act, boolean flag, String name) {
    Sample {
      if (size <= 0) throw new IllegalArgumentException("size must be > 0, was " + size);
      dims = List.copyOf(dims);
    }
  }

  private static final Sample DEFAULT = new Sample(List.of(4), 2, 0.5, Activation.RELU, false, "x");

  private static Sample build(Map<String, ?> m) {
    return RecordMaps.fromMap(Sample.class, m, DEFAULT, "encoder");
  }

  @Test
  void missingKeysTakeDefaultsAndValuesAreConverted() {
    Sample s = build(Map.of("dims", List.of(8, 3), "rate", 1, "act", "tanh", "flag", "true"));
    assertEquals(new Sample(List.of(8, 3), 2, 1.0, Activation.TANH, true, "x"), s);
    assertEquals(DEFAULT, build(RecordMaps.toMap(DEFAULT)));
    assertEquals("relu", RecordMaps.toMap(DEFAULT).get("act"));
  }

  @Test
  void errorsNameThePathTheValueAndWhatIsAllowed() {
    assertEquals("encoder.size: expected an integer, was 'abc'",
        assertThrows(ConfigException.class, () -> build(Map.of("size", "abc"))).getMessage());
    assertEquals("encoder.size must be > 0, was -3",
        assertThrows(ConfigException.class, () -> build(Map.of("size", -3))).getMessage());
    assertEquals("encoder.act: unknown value 'sigmoid'; allowed: relu, tanh, elu, identity",
        assertThrows(ConfigException.class, () -> build(Map.of("act", "sigmoid"))).getMessage());
    assertEquals("encoder.sise: unknown key; allowed: dims, size, rate, act, flag, name (did you mean size?)",
        assertThrows(ConfigException.class, () -> build(Map.of("sise", 3))).getMessage());
    assertEquals("encoder.dims[1]: expected an integer, was '2.5'",
        assertThrows(ConfigException.class, () -> build(Map.of("dims", List.of(1, 2.5)))).getMessage());
  }

  record Inner(int patience, String metric) {
    Inner {
      if (patience <= 0) throw new IllegalArgumentException("patience must be > 0, was " + patience);
    }
  }

  record Outer(int epochs, Inner stopping) {}

  @Test
  void nestedSectionsTakeTheirDefaultsKeyByKeyAndNameTheirPath() {
    Outer dflt = new Outer(10, new Inner(50, "none"));
    Outer o = RecordMaps.fromMap(Outer.class, Map.of("stopping", Map.of("metric", "v")), dflt, "training");
    assertEquals(new Outer(10, new Inner(50, "v")), o);
    assertEquals(Map.of("epochs", 10, "stopping", Map.of("patience", 50, "metric", "v")), RecordMaps.toMap(o));
    assertEquals(o, RecordMaps.fromMap(Outer.class, RecordMaps.toMap(o), dflt, "training"));
    assertEquals("training.stopping.patience must be > 0, was 0", assertThrows(ConfigException.class,
        () -> RecordMaps.fromMap(Outer.class, Map.of("stopping", Map.of("patience", 0)), dflt, "training")).getMessage());
    assertEquals("training.stopping: expected a section (key: value), was '3'", assertThrows(ConfigException.class,
        () -> RecordMaps.fromMap(Outer.class, Map.of("stopping", 3), dflt, "training")).getMessage());
  }
}
