package org.vaelab.experiments.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.mkl.global.mkl_rt;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.vaelab.api.config.ConfigException;

/**
 * The BLAS behind cpu-vector's products: Intel MKL on Intel CPUs, else OpenBLAS (the one ND4J
 * loads); {@code -Dvaelab.blas=mkl} or {@code =openblas} forces one (docs/performance.md compares
 * them). MKL runs in its conditional numerical reproducibility mode (AUTO, STRICT; unless MKL_CBWR
 * is set), so one seed gives the same bits on every run on one machine, as OpenBLAS does, and
 * (unlike OpenBLAS) the same bits whatever the products' thread count.
 */
final class Blas {
  enum Library { MKL, OPENBLAS }

  private static final int ROW_MAJOR = 101;
  private static final int NO_TRANS = 111;
  private static final int TRANS = 112;
  /** The library every product uses, once chosen. */
  private static Library library;
  /** The thread count (process-wide) as last set: set again only when it changes. */
  private static volatile int threads = -1;

  private Blas() {}

  /** The library every product uses: chosen from {@code -Dvaelab.blas} (default auto) at the first call. */
  static synchronized Library library() {
    if (library == null) library = choose(System.getProperty("vaelab.blas", "auto"));
    return library;
  }

  private static Library choose(String wanted) {
    return switch (wanted.toLowerCase(Locale.ROOT)) {
      case "openblas" -> Library.OPENBLAS;
      case "mkl" -> {
        String why = loadMkl();
        if (why != null) throw new ConfigException("-Dvaelab.blas=mkl: MKL cannot load here: " + why);
        yield Library.MKL;
      }
      case "auto" -> intelCpu() && loadMkl() == null ? Library.MKL : Library.OPENBLAS;
      default -> throw new ConfigException("-Dvaelab.blas: '" + wanted + "' is not one of auto, mkl, openblas");
    };
  }

  /** Null once MKL is loaded and in reproducible mode, else why not. */
  static String loadMkl() {
    try {
      if (System.getenv("MKL_CBWR") == null
          && mkl_rt.MKL_CBWR_Set(mkl_rt.MKL_CBWR_AUTO | mkl_rt.MKL_CBWR_STRICT) != mkl_rt.MKL_CBWR_SUCCESS) {
        return "its reproducible mode (MKL_CBWR AUTO,STRICT) is refused";
      }
      return null;
    } catch (LinkageError e) {
      return String.valueOf(e.getMessage());  // e.g. the mkl-platform-redist jar is not on the class path
    }
  }

  private static boolean intelCpu() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.anyMatch(l -> l.startsWith("vendor_id") && l.contains("GenuineIntel"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Which library and version, for logs and the bench header. */
  static String describe() {
    if (library() == Library.OPENBLAS) return openblas_nolapack.OPENBLAS_VERSION.trim();
    byte[] text = new byte[256];
    mkl_rt.MKL_Get_Version_String(text, text.length);
    Matcher v = Pattern.compile("Version (\\S+?)-").matcher(new String(text, StandardCharsets.US_ASCII));
    return "MKL " + (v.find() ? v.group(1) : "(version unknown)");
  }

  /** Threads for the products that follow (process-wide; results depend on it, so callers set it). */
  static synchronized void useThreads(int n) {
    if (n == threads) return;
    if (library() == Library.MKL) mkl_rt.MKL_Set_Num_Threads(n);
    else openblas_nolapack.blas_set_num_threads(n);
    threads = n;
  }

  /** Threads a product may use ({@code -Dvaelab.gemmThreads}, default every core). */
  static int gemmThreads() {
    return Integer.getInteger("vaelab.gemmThreads", Runtime.getRuntime().availableProcessors());
  }

  /** Whether the products run on one thread each (then no BLAS thread waits, spinning, for a core). */
  static boolean oneThread() {
    return threads == 1;
  }

  /** C = alpha op(A) op(B) + beta C, row-major, with {@code lib}. */
  static void sgemm(Library lib, boolean transA, boolean transB, int m, int n, int k, float alpha, FloatPointer a,
      int lda, FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
    int ta = transA ? TRANS : NO_TRANS;
    int tb = transB ? TRANS : NO_TRANS;
    if (lib == Library.MKL) mkl_rt.cblas_sgemm(ROW_MAJOR, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    else openblas_nolapack.cblas_sgemm(ROW_MAJOR, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  }
}
