/** Convolutional encoder and decoder: strided convolutions down, transposed convolutions up. */
package org.vaelab.models.cnn;
