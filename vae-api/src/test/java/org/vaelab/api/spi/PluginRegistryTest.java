package org.vaelab.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.api.config.ConfigException;

class PluginRegistryTest {
  @TempDir Path dir;

  /** A jar holding only a service file that names {@code provider} (found through the parent loader). */
  static void pluginJar(Path jar, Class<?> provider) throws IOException {
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue(PluginOrigin.API_VERSION_ATTRIBUTE, PluginRegistry.API_VERSION);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
      j.putNextEntry(new JarEntry("META-INF/services/" + PriorProvider.class.getName()));
      j.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
  }

  @Test
  void aPluginsOriginIsItsJarAndVersion() {
    PluginOrigin o = PluginOrigin.of(org.junit.jupiter.api.Test.class);
    assertTrue(o.location().startsWith("junit-jupiter-api-") && o.location().endsWith(".jar"), o.toString());
    assertTrue(o.location().contains(o.version()), "the version the jar declares: " + o);
  }

  @Test
  void pluginJarInADirectoryIsLoaded() throws IOException {
    assertThrows(ConfigException.class, () -> PluginRegistry.load().get(PluginKind.PRIOR, "extra"));
    pluginJar(dir.resolve("extra.jar"), ExtraPriorProvider.class);
    PluginRegistry r = PluginRegistry.load(dir);
    assertEquals(ExtraPriorProvider.class, r.get(PluginKind.PRIOR, "extra").getClass());
  }

  @Test
  void duplicateIdsAreAnErrorNamingBothProviders() throws IOException {
    pluginJar(dir.resolve("a.jar"), ExtraPriorProvider.class);
    pluginJar(dir.resolve("b.jar"), ExtraPriorProvider.Twin.class);
    ConfigException e = assertThrows(ConfigException.class, () -> PluginRegistry.load(dir));
    assertTrue(e.getMessage().startsWith("duplicate prior id 'extra'"), e.getMessage());
    assertTrue(e.getMessage().contains("Twin"), e.getMessage());
  }

  @Test
  void unknownIdListsTheIdsAvailable() throws IOException {
    pluginJar(dir.resolve("extra.jar"), ExtraPriorProvider.class);
    ConfigException e = assertThrows(ConfigException.class, () -> PluginRegistry.load(dir).get(PluginKind.PRIOR, "vamp"));
    assertEquals("unknown prior 'vamp'; available: extra", e.getMessage());
  }

  @Test
  void aMissingPluginDirectoryIsAUserError() {
    ConfigException e = assertThrows(ConfigException.class, () -> PluginRegistry.load(dir.resolve("nope")));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }
}
