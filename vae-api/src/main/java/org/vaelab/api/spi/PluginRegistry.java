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
  private static final String ID_PATTERN = "[a-z0-9-]+";
  private final Map<PluginKind, Map<String, PluginProvider<?>>> byKind = new EnumMap<>(PluginKind.class);

  private PluginRegistry(ClassLoader loader) {
    for (PluginKind kind : PluginKind.values()) {
      Map<String, PluginProvider<?>> ids = new TreeMap<>();
      try {
        for (Object o : ServiceLoader.load(kind.spi, loader)) {
          PluginProvider<?> p = (PluginProvider<?>) o;
          if (p.id() == null || !p.id().matches(ID_PATTERN)) {
            throw new ConfigException(kind.key + " plugin " + origin(p) + " has id '" + p.id()
                + "'; ids must match " + ID_PATTERN);
          }
          PluginProvider<?> old = ids.putIfAbsent(p.id(), p);
          if (old != null) {
            throw new ConfigException("duplicate " + kind.key + " id '" + p.id() + "': " + origin(old)
                + " and " + origin(p));
          }
        }
      } catch (ServiceConfigurationError e) {
        throw new ConfigException("cannot load a " + kind.key + " plugin: " + rootMessage(e));
      }
      byKind.put(kind, ids);
    }
  }

  /** The plugins on the class path. */
  public static PluginRegistry load() {
    return new PluginRegistry(PluginRegistry.class.getClassLoader());
  }

  /** The plugins on the class path plus those in the jars of {@code pluginDir} (not its subdirectories). */
  public static PluginRegistry load(Path pluginDir) {
    if (!Files.isDirectory(pluginDir)) {
      throw new ConfigException("--plugins: " + pluginDir + " is not a directory");
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(pluginDir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) jars.add(p.toUri().toURL());
    } catch (IOException e) {
      throw new ConfigException("--plugins: cannot list " + pluginDir + ": " + e.getMessage());
    }
    return new PluginRegistry(new URLClassLoader(jars.toArray(URL[]::new), PluginRegistry.class.getClassLoader()));
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

  private static String origin(PluginProvider<?> p) {
    CodeSource cs = p.getClass().getProtectionDomain().getCodeSource();
    String where = cs == null || cs.getLocation() == null ? "" : " in " + Path.of(toUri(cs.getLocation())).getFileName();
    return p.getClass().getName() + where;
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
