package org.vaelab.api.engine;

/** Element-wise activation functions that {@link Dense} fuses with its bias. */
public enum Activation {
  RELU, TANH, ELU, IDENTITY
}
