package org.vaelab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The BLAS choices the launcher and cpu-vector should make on this machine, read from /proc/cpuinfo. */
final class ExpectedBlasKernels {
  private ExpectedBlasKernels() {}

  /** {@code SKYLAKEX}, {@code HASWELL}, or empty where OpenBLAS should detect the CPU itself. */
  static String forThisCpu() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) return "";
    String info = Files.readString(cpuinfo);
    Matcher m = Pattern.compile("(?m)^flags\\s*:(.*)$").matcher(info);
    if (!m.find()) return "";
    List<String> flags = List.of(m.group(1).trim().split("\\s+"));
    if (flags.containsAll(List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"))) return "SKYLAKEX";
    if (flags.containsAll(List.of("avx2", "fma")) && info.contains("GenuineIntel")) return "HASWELL";
    return "";
  }

  /** The start of cpu-vector's products library as {@code vae bench} prints it: MKL on Intel CPUs, else OpenBLAS. */
  static String productsForThisCpu() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    boolean intel = Files.isReadable(cpuinfo) && Files.readString(cpuinfo).contains("GenuineIntel");
    return intel ? "MKL 20" : "OpenBLAS 0.";
  }
}
