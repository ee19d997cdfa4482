package org.vaelab.api.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One reparameterised draw z = mean + exp(logVar/2) * eps for a batch, with the gradient
 * buffers a KL term adds to. All arrays are {@code [batch, latentDim]}.
 */
public record PosteriorSample(INDArray mean, INDArray logVar, INDArray eps, INDArray z,
    INDArray dMean, INDArray dLogVar, INDArray dZ) {
}
