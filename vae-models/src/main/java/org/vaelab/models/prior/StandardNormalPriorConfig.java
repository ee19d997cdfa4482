package org.vaelab.models.prior;

/** Config of the {@code "standard-normal"} prior: it has no settings. */
public record StandardNormalPriorConfig() {
}
