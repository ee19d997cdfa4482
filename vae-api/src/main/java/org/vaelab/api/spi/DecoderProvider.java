package org.vaelab.api.spi;

import org.vaelab.api.engine.Layer;

/** Builds the generative network from z to the likelihood's parameters. */
public interface DecoderProvider<C extends Record> extends PluginProvider<C> {
  /** A layer mapping {@code shape.latentDim()} inputs to {@code shape.outputSize()} likelihood parameters. */
  Layer build(C config, DecoderShape shape);
}
