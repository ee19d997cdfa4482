package org.vaelab.models.flow;

/** Config of the {@code "gaussian"} posterior: it has no settings. */
public record GaussianPosteriorConfig() {
}
