/** The plain autoencoder baseline. */
package org.vaelab.models.ae;
