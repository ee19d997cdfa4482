package org.vaelab.api.spi;

import org.vaelab.api.engine.Prior;

/** Builds the prior p(z). */
public interface PriorProvider<C extends Record> extends PluginProvider<C> {
  Prior build(C config, int latentDim);
}
