package org.vaelab.experiments.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.KernelsProvider;

/**
 * The {@code cpu-vector} backend ({@link VectorKernels}), preferred by {@code auto} where it can run:
 * ND4J on the CPU and the JDK 17 Vector API module in the JVM. This class touches no Vector API type.
 */
public final class VectorKernelsProvider implements KernelsProvider {
  @Override public String id() { return "cpu-vector"; }

  @Override public int priority() { return 10; }

  @Override
  public Optional<String> unavailable() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return Optional.of("the JVM was started without --add-modules jdk.incubator.vector (the vae launcher adds it)");
    }
    try {
      Optional<String> api = vectorApiMissing(Class.forName("jdk.incubator.vector.FloatVector"));
      if (api.isPresent()) return api;
    } catch (ClassNotFoundException e) {
      return Optional.of("this JDK has no jdk.incubator.vector.FloatVector");
    }
    String nd4j = org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName();
    return nd4j.startsWith("Cpu") ? Optional.empty() : Optional.of("ND4J runs on " + nd4j + ", not the CPU");
  }

  @Override public Kernels create() { return new VectorKernels(); }

  /**
   * Empty when {@code floatVector} has the ByteBuffer loads cpu-vector is written against (the Vector
   * API of JDK 17), else why not: later JDKs replaced them, and the kernels would fail at their first call.
   */
  static Optional<String> vectorApiMissing(Class<?> floatVector) {
    try {
      Class<?> species = Class.forName("jdk.incubator.vector.VectorSpecies");
      floatVector.getMethod("fromByteBuffer", species, ByteBuffer.class, int.class, ByteOrder.class);
      return Optional.empty();
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      return Optional.of("this JDK's Vector API (Java " + Runtime.version().feature() + ") has no "
          + floatVector.getSimpleName() + ".fromByteBuffer, which cpu-vector needs (it is written for the JDK 17 Vector API)");
    }
  }
}
