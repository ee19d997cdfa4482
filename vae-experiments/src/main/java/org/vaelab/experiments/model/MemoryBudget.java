package org.vaelab.experiments.model;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.Parameterised;

/**
 * Refuses a model whose parameters cannot fit before anything is allocated: values, gradients and
 * Adam's two moments need four arrays of the parameter count, off the Java heap, where JavaCPP
 * allows at most {@code org.bytedeco.javacpp.maxBytes} (the heap's size unless set) and the machine
 * has its physical memory. Without the check ND4J ends in "std::bad_alloc" or the OOM killer.
 */
final class MemoryBudget {
  private MemoryBudget() {}

  /** {@code parts} by config section (encoder, decoder, ...); {@code bytesPerValue} 4 or 8. */
  static void check(Map<String, Parameterised> parts, int bytesPerValue) {
    Map<String, Long> counts = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, Parameterised> p : parts.entrySet()) {
      long n = 0;
      for (ParamSpec s : p.getValue().params()) n += s.length();
      counts.put(p.getKey(), n);
      total += n;
    }
    double need = 4.0 * total * bytesPerValue;
    double limit = limitBytes();
    if (need <= limit) return;
    String largest = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    throw new ConfigException(String.format(Locale.ROOT, "%s: the model has %,d parameters (%s %,d), which need %.1f GB"
        + " with their gradients and Adam's moments; this process may allocate %.1f GB: make the %s smaller", largest,
        total, largest, counts.get(largest), need / 1e9, limit / 1e9, largest));
  }

  private static double limitBytes() {
    long physical = Long.MAX_VALUE;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      physical = os.getTotalMemorySize();
    }
    long javacpp = org.bytedeco.javacpp.Pointer.maxBytes();
    return Math.min(physical, javacpp > 0 ? javacpp : Long.MAX_VALUE);
  }
}
