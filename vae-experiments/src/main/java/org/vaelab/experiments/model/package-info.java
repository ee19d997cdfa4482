/**
 * A model assembled from plugins and run: {@link org.vaelab.experiments.model.VaeModel} (the
 * encoder, posterior sample, decoder, likelihood, prior and objective as one flat parameter store),
 * its assembly from a config ({@link org.vaelab.experiments.model.Plugins}), its data (batches,
 * the validation split) and its checkpoints. Training ({@code train}) and evaluation ({@code eval})
 * both build on it.
 */
package org.vaelab.experiments.model;
