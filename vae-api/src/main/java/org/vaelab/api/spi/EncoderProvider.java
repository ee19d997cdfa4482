package org.vaelab.api.spi;

import org.vaelab.api.engine.Encoder;

/** Builds the amortised posterior q(z|x). */
public interface EncoderProvider<C extends Record> extends PluginProvider<C> {
  /** Builds the encoder for examples of shape {@code data}. */
  Encoder build(C config, DataShape data);
}
