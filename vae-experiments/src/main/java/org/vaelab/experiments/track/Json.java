package org.vaelab.experiments.track;

/** JSON string literals, for the few REST bodies the MLflow Java client has no call for. */
final class Json {
  private Json() {}

  static String str(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }

  /** {@code [{"key": k, "value": v}, ...]}, MLflow's list of params or tags. */
  static String pairs(java.util.Map<String, String> m) {
    StringBuilder b = new StringBuilder("[");
    m.forEach((k, v) -> b.append(b.length() == 1 ? "" : ",").append("{\"key\":").append(str(k)).append(",\"value\":")
        .append(str(v)).append('}'));
    return b.append(']').toString();
  }
}
