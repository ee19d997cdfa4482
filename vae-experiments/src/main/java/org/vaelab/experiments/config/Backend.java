package org.vaelab.experiments.config;

/** Kernel backends a run can use. */
public enum Backend {
  /** cpu-vector where it can run (ND4J on the CPU and the Vector API module present), else nd4j. */
  AUTO,
  /** Fused Vector API kernels and direct OpenBLAS gemm: the fast CPU backend (float32). */
  CPU_VECTOR,
  /** ND4J ops: the reference, any ND4J backend (CPU or CUDA). */
  ND4J;

  /** The name in configs and on the command line, and of its kernel provider: {@code cpu-vector}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
