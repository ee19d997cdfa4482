package org.vaelab.api.engine;

import java.util.Optional;

/**
 * A kernel backend, found through {@link java.util.ServiceLoader}: {@code training.backend} names
 * one by {@link #id()}, and {@code auto} takes the available one of highest {@link #priority()}.
 * A provider must be cheap to construct and must not touch its backend before {@link #create()}.
 */
public interface KernelsProvider {
  /** The name {@code training.backend} uses, e.g. {@code nd4j}. */
  String id();

  /** Which available backend {@code auto} prefers: the highest. */
  int priority();

  /** Empty when this backend can run in this JVM, else why not (one line, no trailing period). */
  Optional<String> unavailable();

  /** A new instance; called only when {@link #unavailable()} is empty. */
  Kernels create();
}
