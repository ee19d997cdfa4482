package org.vaelab.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.config.RecordMaps;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PluginProvider;
import org.vaelab.api.spi.PluginRegistry;

/** Every registered plugin's default config survives the YAML text a run's config.yaml is made of. */
class DefaultConfigsYamlTest {
  @Test
  void everyDefaultConfigRoundTripsThroughYamlText() {
    PluginRegistry registry = PluginRegistry.load();
    int checked = 0;
    for (PluginKind kind : PluginKind.values()) {
      for (PluginProvider<?> p : registry.providers(kind)) {
        checked += roundTrip(p) ? 1 : 0;
      }
    }
    assertTrue(checked >= 20, "plugins checked: " + checked);
  }

  private static <C extends Record> boolean roundTrip(PluginProvider<C> p) {
    C d = p.defaultConfig();
    String text = Yaml.dump(RecordMaps.toMap(d));
    Map<String, Object> back = Yaml.parseMap(text, p.id());
    assertEquals(d, RecordMaps.fromMap(p.configType(), back, d, p.id()), p.id() + " through:\n" + text);
    return true;
  }
}
