package org.vaelab.api.spi;

import org.vaelab.api.engine.PosteriorFlow;

/** Builds a posterior family on the encoder's Gaussian (the Gaussian itself, planar or IAF flows). */
public interface PosteriorProvider<C extends Record> extends PluginProvider<C> {
  PosteriorFlow build(C config, int latentDim);
}
