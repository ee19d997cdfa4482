/**
 * Training objectives: the ELBO (Kingma &amp; Welling 2014), averaged over k samples; the
 * importance-weighted bound (Burda, Grosse &amp; Salakhutdinov 2016, "Importance Weighted
 * Autoencoders"); and β-TCVAE's total-correlation-weighted ELBO (Chen et al. 2018).
 */
package org.vaelab.losses.objective;
