package org.vaelab.api.engine;

import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;

/** The {@code nd4j} backend: ND4J ops in float32 on whatever ND4J runs on (CPU or CUDA); runs everywhere. */
public final class Nd4jKernelsProvider implements KernelsProvider {
  @Override public String id() { return "nd4j"; }

  @Override public int priority() { return 0; }

  @Override public Optional<String> unavailable() { return Optional.empty(); }

  @Override public Kernels create() { return new Nd4jKernels(DataType.FLOAT); }
}
