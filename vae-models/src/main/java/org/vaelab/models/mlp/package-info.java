/**
 * Multi-layer perceptron encoder and decoder, as in Kingma &amp; Welling 2014 ("Auto-Encoding
 * Variational Bayes"), appendix C: fully connected hidden layers, a Gaussian posterior head.
 */
package org.vaelab.models.mlp;
