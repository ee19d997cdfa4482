package org.vaelab.experiments.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.vaelab.api.track.Tags;

/**
 * Where a run's code came from: the git commit of the working directory's checkout, read from
 * {@code .git} (no git binary needed), and the versions of vaelab, ND4J and Java.
 */
final class SourceInfo {
  private SourceInfo() {}

  /** {@code vaelab.version.*} tags: vaelab, ND4J and Java, from the jars' Maven metadata. */
  static java.util.Map<String, String> versions() {
    java.util.Map<String, String> v = new java.util.LinkedHashMap<>();
    v.put(Tags.VERSION_VAELAB, mavenVersion("org.vaelab", "vae-experiments"));
    v.put("vaelab.version.nd4j", mavenVersion("org.nd4j", "nd4j-api"));
    v.put(Tags.VERSION_JAVA, System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
    return v;
  }

  private static String mavenVersion(String group, String artifact) {
    String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (var in = SourceInfo.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) return "unknown (no " + resource + ")";
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  static Optional<String> gitCommit(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path git = dir.resolve(".git");
      if (Files.isDirectory(git)) return headCommit(git, git);
      if (Files.isRegularFile(git)) return linkedCheckout(dir, git);
    }
    return Optional.empty();
  }

  /** A worktree's (or submodule's) {@code .git} file names its git directory; refs may live in its common one. */
  private static Optional<String> linkedCheckout(Path dir, Path gitFile) {
    try {
      String line = Files.readString(gitFile).trim();
      if (!line.startsWith("gitdir: ")) return Optional.empty();
      Path git = dir.resolve(line.substring(8).trim()).normalize();
      Path commonFile = git.resolve("commondir");
      Path common = Files.isRegularFile(commonFile) ? git.resolve(Files.readString(commonFile).trim()).normalize() : git;
      return headCommit(git, common);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The commit HEAD of {@code git} points at; branch refs are looked up in {@code refs} (the common git directory). */
  private static Optional<String> headCommit(Path git, Path refs) {
    try {
      String head = Files.readString(git.resolve("HEAD")).trim();
      if (!head.startsWith("ref: ")) return hash(head);
      String ref = head.substring(5);
      Path loose = refs.resolve(ref);
      if (Files.isRegularFile(loose)) return hash(Files.readString(loose).trim());
      Path packed = refs.resolve("packed-refs");
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
