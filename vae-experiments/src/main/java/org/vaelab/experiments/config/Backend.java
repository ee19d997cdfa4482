package org.vaelab.experiments.config;

/** Kernel backends a run can use. */
public enum Backend {
  /** ND4J ops: the reference, any ND4J backend. */
  ND4J
}
