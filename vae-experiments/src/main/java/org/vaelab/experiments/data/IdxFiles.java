package org.vaelab.experiments.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.vaelab.api.config.ConfigException;

/** Reads MNIST-format IDX files (ubyte images and labels), gzipped or not. */
final class IdxFiles {
  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  private IdxFiles() {}

  /** Images as their row-major bytes (0-255), with their height and width. */
  record Images(byte[] raw, int count, int rows, int cols) {}

  /** {@code dir/name} or {@code dir/name.gz}, whichever exists. */
  static Path find(Path dir, String name) {
    Path plain = dir.resolve(name);
    if (Files.isRegularFile(plain)) return plain;
    Path gz = dir.resolve(name + ".gz");
    if (Files.isRegularFile(gz)) return gz;
    throw new ConfigException("dataset.dir: " + dir + " has no " + name + " (or " + name + ".gz)");
  }

  static Images readImages(Path file, int limit) {
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      if (magic != IMAGES_MAGIC) throw badMagic(file, magic, IMAGES_MAGIC);
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (n < 0 || rows <= 0 || cols <= 0) throw new ConfigException(file + ": corrupt IDX header " + n + "x" + rows + "x" + cols);
      int count = limit > 0 ? Math.min(limit, n) : n;
      byte[] raw = new byte[Math.multiplyExact(count, rows * cols)];
      in.readFully(raw);
      return new Images(raw, count, rows, cols);
    } catch (EOFException e) {
      throw new ConfigException(file + ": truncated IDX file (fewer bytes than its header announces)");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
  }

  static int[] readLabels(Path file, int limit) {
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      if (magic != LABELS_MAGIC) throw badMagic(file, magic, LABELS_MAGIC);
      int n = in.readInt();
      int count = limit > 0 ? Math.min(limit, n) : n;
      byte[] raw = new byte[count];
      in.readFully(raw);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) labels[i] = raw[i] & 0xff;
      return labels;
    } catch (EOFException e) {
      throw new ConfigException(file + ": truncated IDX file (fewer bytes than its header announces)");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static ConfigException badMagic(Path file, int magic, int expected) {
    return new ConfigException(file + ": not an IDX file of this kind (magic number 0x"
        + Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(expected) + ")");
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw);
  }
}
