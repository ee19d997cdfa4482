package org.vaelab.api.spi;

import org.vaelab.api.data.Dataset;

/** Loads a dataset; failures the user can fix throw {@link org.vaelab.api.config.ConfigException}. */
public interface DatasetProvider<C extends Record> extends PluginProvider<C> {
  Dataset load(C config);
}
