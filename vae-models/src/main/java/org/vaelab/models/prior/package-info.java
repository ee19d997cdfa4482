/** Priors p(z): the standard normal of Kingma &amp; Welling 2014, with its analytic KL. */
package org.vaelab.models.prior;
