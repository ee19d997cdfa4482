/**
 * The training loop: a VAE assembled from plugins on vaelab's engine (Kingma &amp; Welling 2014),
 * Adam, per-step and per-epoch metrics, artifacts and checkpoints.
 */
package org.vaelab.experiments.train;
