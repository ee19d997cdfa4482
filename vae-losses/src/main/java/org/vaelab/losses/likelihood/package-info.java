/**
 * Observation models p(x|z) as proper log-densities in nats, so ELBOs compare across
 * likelihoods and with published numbers (Kingma &amp; Welling 2014, appendix C).
 */
package org.vaelab.losses.likelihood;
