/**
 * Posterior families on the encoder's Gaussian: the Gaussian itself, planar flows (Rezende &amp;
 * Mohamed 2015) and inverse autoregressive flows (Kingma et al. 2016).
 */
package org.vaelab.models.flow;
