/** Priors over the codes of a categorical (VQ) posterior: uniform, and an autoregressive masked MLP fitted after training. */
package org.vaelab.models.codes;
