package org.vaelab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.vaelab.api.spi.PluginKind;

/**
 * Writes a separate Maven module for a new plugin: pom, provider, config record, services file, and a
 * test extending the plugin test kit — from the templates in {@code /templates}.
 */
final class PluginScaffold {
  static final List<String> KINDS = List.of("encoder", "decoder", "prior", "posterior", "schedule", "objective");

  private PluginScaffold() {}

  /** Writes the module into {@code dir} (which must not exist or be empty) and returns the files written. */
  static List<Path> write(String kind, String id, String pkg, Path dir) {
    if (!KINDS.contains(kind)) {
      throw new CliException("--kind: '" + kind + "' has no template; allowed: " + String.join(", ", KINDS));
    }
    if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new CliException("--id: '" + id + "' is not a plugin id; use lower-case letters, digits and '-', e.g. my-prior");
    }
    if (!pkg.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*")) {
      throw new CliException("--package: '" + pkg + "' is not a Java package name, e.g. org.example.vae");
    }
    try {
      if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
        throw new CliException("--dir: " + dir + " already exists and is not empty");
      }
      String name = className(id);
      PluginKind pk = kind.equals("schedule") ? PluginKind.SCHEDULE : PluginKind.valueOf(kind.toUpperCase(Locale.ROOT));
      Path src = dir.resolve("src/main/java").resolve(pkg.replace('.', '/'));
      Path test = dir.resolve("src/test/java").resolve(pkg.replace('.', '/'));
      List<Path> files = List.of(dir.resolve("pom.xml"), dir.resolve(".mvn/maven.config"),
          src.resolve(name + "Config.java"), src.resolve(name + "Provider.java"),
          dir.resolve("src/main/resources/META-INF/services/" + pk.spi.getName()),
          test.resolve(name + "ProviderTest.java"));
      String[] texts = {template("pom.xml", kind, id, pkg, name), "-Djavacpp.platform=" + javacppPlatform() + "\n",
          template(kind + ".Config.java", kind, id, pkg, name), template(kind + ".Provider.java", kind, id, pkg, name),
          pkg + "." + name + "Provider\n", template(kind + ".Test.java", kind, id, pkg, name)};
      for (int i = 0; i < files.size(); i++) {
        Files.createDirectories(files.get(i).getParent());
        Files.writeString(files.get(i), texts[i]);
      }
      return files;
    } catch (IOException e) {
      throw new CliException("--dir: cannot write " + dir + ": " + e.getMessage());
    }
  }

  /** {@code my-prior} → {@code MyPrior}. */
  static String className(String id) {
    StringBuilder b = new StringBuilder();
    for (String part : id.split("-")) b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    return Character.isDigit(b.charAt(0)) ? "P" + b : b.toString();
  }

  private static String template(String file, String kind, String id, String pkg, String name) {
    try (InputStream in = PluginScaffold.class.getResourceAsStream("/templates/" + file + ".txt")) {
      String t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return t.replace("@package@", pkg).replace("@Name@", name).replace("@id@", id).replace("@kind@", kind)
          .replace("@artifact@", id).replace("@vaelabVersion@", vaelabVersion())
          .replace("@apiVersion@", org.vaelab.api.spi.PluginRegistry.API_VERSION);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String vaelabVersion() {
    Properties p = new Properties();
    try (InputStream in = PluginScaffold.class.getResourceAsStream("/vaelab.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  /** JavaCPP's name for this machine, so the generated build downloads ND4J natives for it only. */
  static String javacppPlatform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "arm64" : arch;
    String o = os.startsWith("mac") ? "macosx" : os.startsWith("windows") ? "windows" : "linux";
    return o + "-" + a;
  }
}
