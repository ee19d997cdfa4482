package org.vaelab.experiments.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vaelab.api.config.RecordMaps;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PluginProvider;

/**
 * A resolved plugin section of a config: the provider chosen by {@code type:} and its validated config.
 *
 * @param kind     the plugin kind
 * @param provider the provider
 * @param config   the provider's config record, defaults filled in
 */
public record PluginChoice(PluginKind kind, PluginProvider<?> provider, Record config) {
  /** The section as a map, {@code type} first, as it is logged and saved. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", provider.id());
    m.putAll(RecordMaps.toMap(config));
    return m;
  }

  /** The config cast to the provider's record type. */
  @SuppressWarnings("unchecked")
  public <C extends Record> C configAs() {
    return (C) config;
  }
}
