package org.vaelab.losses.likelihood;

/** Config of the {@code "bernoulli"} likelihood: it has no settings. */
public record BernoulliConfig() {
}
