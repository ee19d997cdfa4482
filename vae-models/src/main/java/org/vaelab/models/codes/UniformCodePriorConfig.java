package org.vaelab.models.codes;

/** Config of the {@code "codes-uniform"} prior: it has no settings. */
public record UniformCodePriorConfig() {
}
