package org.vaelab.api.spi;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where a plugin came from: the jar (or class directory) of its provider class and the version that
 * jar says it is (its Maven {@code pom.properties}, else its manifest's Implementation-Version), for
 * {@code vae plugins} and each run's tags.
 *
 * @param location the jar's file name, or a directory's path; "unknown" when the JVM does not say
 * @param version  the jar's version, or "unknown"
 */
public record PluginOrigin(String location, String version) {
  /** The manifest attribute in which a plugin jar declares the plugin API it was built for. */
  public static final String API_VERSION_ATTRIBUTE = "Vaelab-Api-Version";

  public static PluginOrigin of(Class<?> type) {
    CodeSource cs = type.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) return new PluginOrigin("unknown", "unknown");
    Path p;
    try {
      p = Path.of(cs.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return new PluginOrigin(cs.getLocation().toString(), "unknown");
    }
    if (!Files.isRegularFile(p)) return new PluginOrigin(p.toString(), "unknown");
    return new PluginOrigin(p.getFileName().toString(), version(p));
  }

  private static String version(Path jarPath) {
    try (JarFile jar = new JarFile(jarPath.toFile())) {
      for (JarEntry e : java.util.Collections.list(jar.entries())) {
        if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
          Properties props = new Properties();
          try (var in = jar.getInputStream(e)) {
            props.load(in);
          }
          if (props.getProperty("version") != null) return props.getProperty("version");
        }
      }
      String v = jar.getManifest() == null ? null
          : jar.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
      return v == null ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String toString() {
    return location + (version.equals("unknown") ? "" : " " + version);
  }
}
