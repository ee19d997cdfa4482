package org.vaelab.api.spi;

/**
 * What every plugin provider has: a stable id, a typed config record and its default value
 * (the one place defaults live). Providers are stateless and have a public no-arg constructor.
 *
 * @param <C> the config record type
 */
public interface PluginProvider<C extends Record> {
  /** The id used in configs ({@code type: <id>}); matches {@code [a-z0-9-]+}. */
  String id();

  /** One line for {@code vae plugins}. */
  String description();

  Class<C> configType();

  C defaultConfig();
}
