/** Value types for datasets handed from dataset plugins to the training loop. */
package org.vaelab.api.data;
