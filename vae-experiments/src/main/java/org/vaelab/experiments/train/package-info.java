/**
 * The training loop over a {@link org.vaelab.experiments.model.VaeModel}: Adam, the KL schedule,
 * validation and early stopping, per-step and per-epoch metrics, artifacts and checkpoints.
 */
package org.vaelab.experiments.train;
