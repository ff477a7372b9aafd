package io.touchline.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which methods of a matched class are the touchpoint: a name (or wildcard) and, optionally, the
 * exact parameter types, e.g. {@code login(java.lang.String, java.lang.String)}. Without
 * parentheses every overload matches.
 */
public final class MethodPattern {

  private final NamePattern name;
  private final List<String> parameterTypes; // null: any parameters

  private MethodPattern(NamePattern name, List<String> parameterTypes) {
    this.name = name;
    this.parameterTypes = parameterTypes;
  }

  /** Parses the config text; returns null with no exception so the caller can name the field. */
  static MethodPattern parse(String text) {
    String trimmed = text.trim();
    int open = trimmed.indexOf('(');
    if (open < 0) {
      return isName(trimmed) ? new MethodPattern(NamePattern.compile(trimmed), null) : null;
    }
    if (!trimmed.endsWith(")")) {
      return null;
    }
    String methodName = trimmed.substring(0, open).trim();
    if (!isName(methodName)) {
      return null;
    }
    String inside = trimmed.substring(open + 1, trimmed.length() - 1).trim();
    List<String> types = new ArrayList<>();
    if (!inside.isEmpty()) {
      for (String type : inside.split(",")) {
        String t = type.trim();
        if (t.isEmpty()) {
          return null;
        }
        types.add(t);
      }
    }
    return new MethodPattern(NamePattern.compile(methodName), Collections.unmodifiableList(types));
  }

  private static boolean isName(String text) {
    return !text.isEmpty() && text.matches("[A-Za-z_$*][A-Za-z0-9_$*]*");
  }

  public NamePattern name() {
    return name;
  }

  /** The parameter types as written (e.g. {@code java.lang.String}, {@code int[]}); null = any. */
  public List<String> parameterTypes() {
    return parameterTypes;
  }

  @Override
  public String toString() {
    return parameterTypes == null
        ? name.toString()
        : name + "(" + String.join(", ", parameterTypes) + ")";
  }
}
