/** Vector-quantised latents (VQ-VAE, van den Oord et al. 2017). */
package org.vaelab.models.vq;
