/** Dataset plugins: MNIST-format IDX directories (Fashion-MNIST by default) and synthetic sets. */
package org.vaelab.experiments.data;
