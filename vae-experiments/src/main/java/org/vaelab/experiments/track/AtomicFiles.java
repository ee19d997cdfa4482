package org.vaelab.experiments.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes that never leave a half-written file behind: temp file, then atomic rename. */
final class AtomicFiles {
  private AtomicFiles() {}

  static void write(Path target, byte[] content) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try {
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  static void write(Path target, String content) {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  static void append(Path target, String line) {
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(target, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + target + ": " + e.getMessage(), e);
    }
  }
}
