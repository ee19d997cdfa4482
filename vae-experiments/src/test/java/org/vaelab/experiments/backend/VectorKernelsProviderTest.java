package org.vaelab.experiments.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vaelab.experiments.config.Backend;
import org.vaelab.experiments.model.Plugins;

class VectorKernelsProviderTest {
  @Test
  void theJdk17VectorApiIsUsableAndAutoPrefersIt() throws ClassNotFoundException {
    assertEquals(Optional.empty(), VectorKernelsProvider.vectorApiMissing(Class.forName("jdk.incubator.vector.FloatVector")));
    assertEquals(Optional.empty(), new VectorKernelsProvider().unavailable());
    assertEquals(List.of("cpu-vector", "nd4j"), List.copyOf(Plugins.backends().keySet()), "found, in priority order");
    assertInstanceOf(VectorKernels.class, Plugins.kernels(Backend.AUTO));
    assertEquals("nd4j", Plugins.kernels(Backend.ND4J).name());
  }

  /** A Vector API without the ByteBuffer loads (as in later JDKs) is named, not met at the kernels' first call. */
  @Test
  void aVectorApiWithoutByteBufferLoadsIsRefused() {
    String why = VectorKernelsProvider.vectorApiMissing(Object.class).orElseThrow();
    assertTrue(why.contains("has no Object.fromByteBuffer, which cpu-vector needs"), why);
    assertEquals(-1, why.indexOf('\n'));
  }
}
