package org.vaelab.api.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Converts config records to plain maps and back. Supported component types: int, long, double,
 * boolean, String, enums, lists of those, and nested records (a sub-section). Missing keys take the
 * default record's value, so defaults live only in a provider's default config.
 */
public final class RecordMaps {
  private RecordMaps() {}

  /** The record as an ordered map (enums as lower-case names). */
  public static Map<String, Object> toMap(Record r) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      m.put(c.getName(), plain(get(c, r)));
    }
    return m;
  }

  private static Object plain(Object v) {
    if (v instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    if (v instanceof Record r) return toMap(r);
    if (v instanceof List<?> l) return l.stream().map(RecordMaps::plain).collect(Collectors.toList());
    return v;
  }

  /**
   * Builds a record from {@code values} over {@code defaults}. Errors are ConfigExceptions whose
   * message starts with {@code path.field}.
   */
  public static <C extends Record> C fromMap(Class<C> type, Map<String, ?> values, C defaults, String path) {
    RecordComponent[] cs = type.getRecordComponents();
    List<String> names = new ArrayList<>();
    for (RecordComponent c : cs) names.add(c.getName());
    for (String key : values.keySet()) {
      if (!names.contains(key)) {
        throw new ConfigException(join(path, key) + ": unknown key; allowed: "
            + (names.isEmpty() ? "(none)" : String.join(", ", names)) + didYouMean(key, names));
      }
    }
    Object[] args = new Object[cs.length];
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      RecordComponent c = cs[i];
      types[i] = c.getType();
      String where = join(path, c.getName());
      Object dflt = get(c, defaults);
      args[i] = !values.containsKey(c.getName()) ? dflt
          : c.getType().isRecord() ? nested(c.getType(), values.get(c.getName()), (Record) dflt, where)
          : convert(values.get(c.getName()), c.getType(), c.getGenericType(), where);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      String msg = e.getCause() == null ? String.valueOf(e) : e.getCause().getMessage();
      throw new ConfigException(path.isEmpty() ? msg : path + "." + msg);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("config record " + type.getName() + " cannot be built", e);
    }
  }

  /** A nested section: its missing keys take the default record's values. */
  @SuppressWarnings("unchecked")
  private static Record nested(Class<?> type, Object v, Record dflt, String where) {
    if (!(v instanceof Map<?, ?> m)) throw new ConfigException(where + ": expected a section (key: value), was '" + v + "'");
    return fromMap((Class<Record>) type, (Map<String, ?>) m, dflt, where);
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** " (did you mean X?)" for the closest of {@code names}, or "" when none is close. */
  public static String didYouMean(String key, List<String> names) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String n : names) {
      int d = distance(key.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
      if (d < bestD) {
        bestD = d;
        best = n;
      }
    }
    return best != null && bestD <= Math.max(2, key.length() / 3) ? " (did you mean " + best + "?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      prev = cur;
    }
    return prev[b.length()];
  }

  private static Object get(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object convert(Object v, Class<?> type, Type generic, String where) {
    if (v == null) throw new ConfigException(where + ": must not be empty");
    if (type == int.class || type == Integer.class) return (int) integral(v, where, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (type == long.class || type == Long.class) return integral(v, where, Long.MIN_VALUE, Long.MAX_VALUE);
    if (type == double.class || type == Double.class) {
      if (v instanceof Number n) return n.doubleValue();
      if (v instanceof String s) {
        try {
          return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) { /* fall through */ }
      }
      throw new ConfigException(where + ": expected a number, was '" + v + "'");
    }
    if (type == boolean.class || type == Boolean.class) {
      if (v instanceof Boolean b) return b;
      if ("true".equals(v) || "false".equals(v)) return Boolean.parseBoolean((String) v);
      throw new ConfigException(where + ": expected true or false, was '" + v + "'");
    }
    if (type == String.class) {
      if (v instanceof Map || v instanceof List) throw new ConfigException(where + ": expected a string, was " + v);
      return String.valueOf(v);
    }
    if (type.isEnum()) return enumValue((Class<? extends Enum>) type, v, where);
    if (type == List.class) {
      Class<?> elem = (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0];
      List<?> in = v instanceof List<?> l ? l : List.of(v);
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < in.size(); i++) out.add(convert(in.get(i), elem, elem, where + "[" + i + "]"));
      return out;
    }
    throw new IllegalStateException("unsupported config field type " + type + " at " + where);
  }

  private static long integral(Object v, String where, long min, long max) {
    long x;
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      x = ((Number) v).longValue();
    } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      x = n.longValue();
    } else if (v instanceof String s && s.trim().matches("-?\\d+")) {
      try {
        x = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(where + ": integer out of range, was '" + v + "'");
      }
    } else {
      throw new ConfigException(where + ": expected an integer, was '" + v + "'");
    }
    if (x < min || x > max) throw new ConfigException(where + ": integer out of range, was " + x);
    return x;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, Object v, String where) {
    String s = String.valueOf(v).trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) if (e.name().equals(s)) return e;
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    throw new ConfigException(where + ": unknown value '" + v + "'; allowed: " + String.join(", ", allowed));
  }
}
