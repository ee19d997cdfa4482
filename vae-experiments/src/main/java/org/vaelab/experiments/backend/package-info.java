/**
 * The {@code cpu-vector} kernel backend: fused float kernels written with the JDK 17 Vector API,
 * products through MKL or OpenBLAS's cblas_sgemm, convolutions as unrolled gemms on two cores.
 * Internal: plugins reach kernels only through {@link org.vaelab.api.engine.Kernels}.
 */
package org.vaelab.experiments.backend;

