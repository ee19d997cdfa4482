/** Hyperparameter sweeps: the sweep file, the deterministic trial plan, and running trials. */
package org.vaelab.experiments.sweep;
