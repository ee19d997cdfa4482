package org.vaelab.api.spi;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vaelab.api.config.ConfigException;

/**
 * Every plugin found through {@link ServiceLoader}, by kind and id. Two providers with one id is
 * an error (never "first wins"); an unknown id fails with the ids available. An object, not a
 * singleton: build one per command.
 */
public final class PluginRegistry {
  /**
   * The plugin API this vae-api implements, major.minor. A plugin jar declares the one it was built
   * for in its manifest ({@link PluginOrigin#API_VERSION_ATTRIBUTE}); it loads when the majors are
   * equal and its minor is not newer.
   */
  public static final String API_VERSION = "2.4";
  private static final String ID_PATTERN = "[a-z0-9-]+";
  private final Map<PluginKind, Map<String, PluginProvider<?>>> byKind = new EnumMap<>(PluginKind.class);

  private PluginRegistry(ClassLoader loader) {
    for (PluginKind kind : PluginKind.values()) {
      Map<String, PluginProvider<?>> ids = new TreeMap<>();
      for (ServiceLoader.Provider<?> found : providers(kind, loader)) {
        PluginProvider<?> p = instantiate(kind, found);
        if (p.id() == null || !p.id().matches(ID_PATTERN)) {
          throw new ConfigException(kind.key + " plugin " + origin(p.getClass()) + " has id '" + p.id()
              + "'; ids must match " + ID_PATTERN);
        }
        PluginProvider<?> old = ids.putIfAbsent(p.id(), p);
        if (old != null) {
          throw new ConfigException("duplicate " + kind.key + " id '" + p.id() + "': " + origin(old.getClass())
              + " and " + origin(p.getClass()));
        }
      }
      byKind.put(kind, ids);
    }
  }

  /** The providers of {@code kind}, their classes loaded but not instantiated. */
  private static List<ServiceLoader.Provider<?>> providers(PluginKind kind, ClassLoader loader) {
    try {
      return ServiceLoader.load(kind.spi, loader).stream().<ServiceLoader.Provider<?>>map(p -> p).toList();
    } catch (ServiceConfigurationError e) {
      throw new ConfigException("cannot load a " + kind.key + " plugin: " + rootMessage(e)
          + listedIn(kind, loader, e.getMessage()));
    }
  }

  private static PluginProvider<?> instantiate(PluginKind kind, ServiceLoader.Provider<?> found) {
    try {
      return (PluginProvider<?>) found.get();
    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
      Throwable root = e;
      while (root.getCause() != null) root = root.getCause();
      throw new ConfigException("cannot load " + kind.key + " plugin " + origin(found.type())
          + ": its constructor failed: " + root.getMessage() + " (" + root.getClass().getSimpleName() + ")");
    }
  }

  /** " (listed in x.jar)" for the jar whose service file names the class in {@code message}, else "". */
  private static String listedIn(PluginKind kind, ClassLoader loader, String message) {
    try {
      var files = loader.getResources("META-INF/services/" + kind.spi.getName());
      while (files.hasMoreElements()) {
        URL u = files.nextElement();
        String listing;
        try (var in = u.openStream()) {
          listing = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (String line : listing.lines().map(l -> l.replaceAll("#.*", "").trim()).toList()) {
          if (!line.isEmpty() && message != null && message.contains(line)) {
            String jar = u.toString().replaceAll("^jar:(.*)!/.*$", "$1");
            return " (listed in " + jar.substring(jar.lastIndexOf('/') + 1) + ")";
          }
        }
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }

  /** The plugins on the class path. */
  public static PluginRegistry load() {
    return new PluginRegistry(PluginRegistry.class.getClassLoader());
  }

  /**
   * The plugins on the class path plus those in the jars of {@code pluginDir}; each jar there must
   * provide a plugin, and their own dependencies go in {@code pluginDir/lib}. No other directory is read.
   */
  public static PluginRegistry load(Path pluginDir) {
    if (!Files.isDirectory(pluginDir)) {
      throw new ConfigException("plugin directory: " + pluginDir + " is not a directory");
    }
    List<URL> jars = new ArrayList<>();
    for (Path p : jars(pluginDir)) {
      checkPluginJar(p);
      jars.add(url(p));
    }
    Path lib = pluginDir.resolve("lib");
    if (Files.isDirectory(lib)) for (Path p : jars(lib)) jars.add(url(p));
    return new PluginRegistry(new URLClassLoader(jars.toArray(URL[]::new), PluginRegistry.class.getClassLoader()));
  }

  private static List<Path> jars(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
    } catch (IOException e) {
      throw new ConfigException("plugin directory: cannot list " + dir + ": " + e.getMessage());
    }
  }

  private static URL url(Path p) {
    try {
      return p.toUri().toURL();
    } catch (java.net.MalformedURLException e) {
      throw new ConfigException("plugin directory: " + p + ": " + e.getMessage());
    }
  }

  /** A readable jar with a service file of some plugin kind and a compatible API version, or a ConfigException naming it. */
  private static void checkPluginJar(Path p) {
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(p.toFile())) {
      for (PluginKind kind : PluginKind.values()) {
        if (jar.getEntry("META-INF/services/" + kind.spi.getName()) != null) {
          checkApiVersion(p, jar.getManifest() == null ? null
              : jar.getManifest().getMainAttributes().getValue(PluginOrigin.API_VERSION_ATTRIBUTE));
          return;
        }
      }
    } catch (IOException e) {
      throw new ConfigException("plugin directory: " + p.getFileName() + " is not a readable jar (" + e.getMessage() + ")");
    }
    throw new ConfigException("plugin directory: " + p.getFileName() + " provides no vaelab plugin (no META-INF/services/"
        + "org.vaelab.api.spi.*Provider entry); put plugins' own dependencies in " + p.getParent().resolve("lib"));
  }

  private static void checkApiVersion(Path jar, String declared) {
    if (declared == null) {
      throw new ConfigException("plugin directory: " + jar.getFileName() + " declares no " + PluginOrigin.API_VERSION_ATTRIBUTE
          + " in its manifest; this vaelab runs plugin API " + API_VERSION + " (the pom vae new-plugin writes declares it)");
    }
    String[] ours = API_VERSION.split("\\.");
    String[] theirs = declared.trim().split("\\.");
    boolean compatible = theirs.length == 2 && theirs[0].equals(ours[0]) && theirs[1].matches("\\d+")
        && Integer.parseInt(theirs[1]) <= Integer.parseInt(ours[1]);
    if (!compatible) {
      throw new ConfigException("plugin directory: " + jar.getFileName() + " was built for plugin API " + declared.trim()
          + "; this vaelab runs " + API_VERSION + ": rebuild it against this vaelab's org.vaelab:vae-api");
    }
  }

  /** The provider of {@code kind} with {@code id}, or a ConfigException listing the ids available. */
  public PluginProvider<?> get(PluginKind kind, String id) {
    PluginProvider<?> p = byKind.get(kind).get(id);
    if (p == null) {
      throw new ConfigException("unknown " + kind.key + " '" + id + "'; available: " + String.join(", ", ids(kind)));
    }
    return p;
  }

  /** The provider, cast to its provider interface. */
  public <P> P get(PluginKind kind, String id, Class<P> type) {
    return type.cast(get(kind, id));
  }

  public List<String> ids(PluginKind kind) {
    return List.copyOf(byKind.get(kind).keySet());
  }

  public List<PluginProvider<?>> providers(PluginKind kind) {
    return List.copyOf(byKind.get(kind).values());
  }

  private static String origin(Class<?> type) {
    CodeSource cs = type.getProtectionDomain().getCodeSource();
    String where = cs == null || cs.getLocation() == null ? "" : " in " + Path.of(toUri(cs.getLocation())).getFileName();
    return type.getName() + where;
  }

  private static java.net.URI toUri(URL u) {
    try {
      return u.toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    String msg = e.getMessage();
    return t == e ? msg : msg + " (" + t + ")";
  }
}
