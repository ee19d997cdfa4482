package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.config.RecordMaps;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PluginProvider;
import org.vaelab.api.spi.PluginRegistry;

/** Checks every provider of any kind must pass: id, registration, default and invalid configs. */
public abstract class ProviderContract<C extends Record, P extends PluginProvider<C>> {
  /** A fresh instance of the provider under test. */
  protected abstract P provider();

  protected abstract PluginKind kind();

  /** Config maps that must be rejected; each names the offending key as its first entry. */
  protected abstract List<Map<String, Object>> invalidConfigs();

  /** Builds a config from a map over the defaults, as a YAML file would. */
  protected C config(Map<String, ?> values) {
    P p = provider();
    return RecordMaps.fromMap(p.configType(), values, p.defaultConfig(), kind().key);
  }

  @Test
  void idIsKebabCase() {
    assertTrue(provider().id().matches("[a-z0-9-]+"), "id " + provider().id());
    assertFalse(provider().description().isBlank(), "description");
  }

  @Test
  void foundByIdThroughServiceLoader() {
    PluginProvider<?> found = PluginRegistry.load().get(kind(), provider().id());
    assertSame(provider().getClass(), found.getClass());
  }

  @Test
  void defaultConfigRoundTripsThroughAMap() {
    C d = provider().defaultConfig();
    assertEquals(d, config(RecordMaps.toMap(d)));
  }

  @Test
  void invalidConfigsAreRejectedNamingTheField() {
    List<Map<String, Object>> bad = invalidConfigs();
    boolean hasFields = provider().configType().getRecordComponents().length > 0;
    assertFalse(hasFields && bad.isEmpty(), "a contract test must list at least one invalid config");
    for (Map<String, Object> values : bad) {
      ConfigException e = assertThrows(ConfigException.class, () -> config(values), values.toString());
      String field = values.keySet().iterator().next();
      assertTrue(e.getMessage().contains(field), "message '" + e.getMessage() + "' names " + field);
    }
  }

  @Test
  void unknownKeyIsRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> config(Map.of("noSuchKey", 1)));
    assertTrue(e.getMessage().contains("noSuchKey"), e.getMessage());
  }
}
