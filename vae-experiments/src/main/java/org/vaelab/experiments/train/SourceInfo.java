package org.vaelab.experiments.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The git commit of the working directory's checkout, read from {@code .git} (no git binary needed). */
final class SourceInfo {
  private SourceInfo() {}

  static Optional<String> gitCommit(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path git = dir.resolve(".git");
      if (Files.isDirectory(git)) return headCommit(git);
    }
    return Optional.empty();
  }

  private static Optional<String> headCommit(Path git) {
    try {
      String head = Files.readString(git.resolve("HEAD")).trim();
      if (!head.startsWith("ref: ")) return hash(head);
      String ref = head.substring(5);
      Path loose = git.resolve(ref);
      if (Files.isRegularFile(loose)) return hash(Files.readString(loose).trim());
      Path packed = git.resolve("packed-refs");
      if (!Files.isRegularFile(packed)) return Optional.empty();
      for (String line : Files.readAllLines(packed)) {
        if (line.endsWith(" " + ref)) return hash(line.substring(0, line.indexOf(' ')));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<String> hash(String s) {
    return s.matches("[0-9a-f]{40}") ? Optional.of(s) : Optional.empty();
  }
}
