package org.vaelab.api.spi;

import org.vaelab.api.engine.Objective;

/** Builds a training objective (the ELBO, IWAE, ...). */
public interface ObjectiveProvider<C extends Record> extends PluginProvider<C> {
  Objective build(C config);
}
