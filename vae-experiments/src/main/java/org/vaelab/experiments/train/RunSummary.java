package org.vaelab.experiments.train;

/**
 * What a finished training run reports.
 *
 * @param runId          tracker run id
 * @param location       where the run is stored
 * @param epochs         epochs completed
 * @param testElbo       test-set ELBO per example after the last epoch, nats
 * @param samplesPerSec  training throughput of the last epoch (steps only)
 * @param seconds        wall time of this invocation's training
 */
public record RunSummary(String runId, String location, int epochs, double testElbo, double samplesPerSec,
    double seconds) {
}
