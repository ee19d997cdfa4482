package org.vaelab.experiments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PluginsTest {
  @Test
  void theJdk17VectorApiIsUsable() throws ClassNotFoundException {
    assertNull(Plugins.vectorApiMissing(Class.forName("jdk.incubator.vector.FloatVector")));
    assertNull(Plugins.vectorUsable());
  }

  /** A Vector API without the ByteBuffer loads (as in later JDKs) is named, not met at the kernels' first call. */
  @Test
  void aVectorApiWithoutByteBufferLoadsIsRefused() {
    String why = Plugins.vectorApiMissing(Object.class);
    assertTrue(why.contains("has no Object.fromByteBuffer, which cpu-vector needs"), why);
    assertEquals(-1, why.indexOf('\n'));
  }
}
