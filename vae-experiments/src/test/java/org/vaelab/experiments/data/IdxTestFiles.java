package org.vaelab.experiments.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small MNIST-format IDX directories for tests. */
public final class IdxTestFiles {
  private IdxTestFiles() {}

  /** A directory with {@code train} and {@code test} images of size rows x cols (gzipped if asked). */
  public static Path write(Path dir, int train, int test, int rows, int cols, boolean gzip) throws IOException {
    Files.createDirectories(dir);
    images(dir, "train-images-idx3-ubyte", train, rows, cols, gzip);
    labels(dir, "train-labels-idx1-ubyte", train, gzip);
    images(dir, "t10k-images-idx3-ubyte", test, rows, cols, gzip);
    labels(dir, "t10k-labels-idx1-ubyte", test, gzip);
    return dir;
  }

  private static DataOutputStream open(Path dir, String name, boolean gzip) throws IOException {
    OutputStream o = Files.newOutputStream(dir.resolve(gzip ? name + ".gz" : name));
    return new DataOutputStream(gzip ? new GZIPOutputStream(o) : o);
  }

  static void images(Path dir, String name, int n, int rows, int cols, boolean gzip) throws IOException {
    try (DataOutputStream out = open(dir, name, gzip)) {
      out.writeInt(0x803);
      out.writeInt(n);
      out.writeInt(rows);
      out.writeInt(cols);
      for (int i = 0; i < n * rows * cols; i++) out.writeByte((i * 37 + i / 7) % 256);
    }
  }

  static void labels(Path dir, String name, int n, boolean gzip) throws IOException {
    try (DataOutputStream out = open(dir, name, gzip)) {
      out.writeInt(0x801);
      out.writeInt(n);
      for (int i = 0; i < n; i++) out.writeByte(i % 10);
    }
  }
}
