package org.vaelab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vaelab.experiments.eval.UseModel;

/** The output file of {@code vae sample} and {@code vae encode}: checked before any work, written only at the end. */
final class UseOutput {
  private UseOutput() {}

  /** True for a .png, false for a .csv; anything else, or an existing file, is refused. */
  static boolean kind(Path file, boolean pngAllowed) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    boolean png = name.endsWith(".png");
    if (!(name.endsWith(".csv") || (png && pngAllowed))) {
      throw new CliException("--out: '" + file + "' must end in " + (pngAllowed ? ".png or .csv" : ".csv"));
    }
    if (Files.exists(file)) throw new CliException("--out: " + file + " already exists; nothing was written");
    return png;
  }

  static void write(Path file, UseModel.Output o, PrintStream out) {
    try {
      if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, o.bytes());
    } catch (IOException e) {
      throw new CliException("--out: cannot write " + file + ": " + e.getMessage());
    }
    out.println(o.summary() + " -> " + file);
  }
}
