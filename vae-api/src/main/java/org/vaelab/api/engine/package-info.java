/**
 * vaelab's lean training engine: layers that run forward and backward on preallocated ND4J
 * arrays, parameters held as views of one flat array, and the {@link org.vaelab.api.engine.Kernels}
 * facade through which every numeric operation goes, so that backends can be swapped.
 */
package org.vaelab.api.engine;
