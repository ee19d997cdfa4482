package org.vaelab.api.spi;

import org.vaelab.api.engine.Likelihood;

/** Builds the observation model p(x|z). */
public interface LikelihoodProvider<C extends Record> extends PluginProvider<C> {
  Likelihood build(C config, long valuesPerExample);
}
