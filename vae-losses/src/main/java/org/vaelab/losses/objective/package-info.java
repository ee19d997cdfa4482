/**
 * Training objectives: the ELBO (Kingma &amp; Welling 2014), averaged over k samples, and the
 * importance-weighted bound (Burda, Grosse &amp; Salakhutdinov 2016, "Importance Weighted Autoencoders").
 */
package org.vaelab.losses.objective;
