package io.touchline.agent.config;

import java.util.regex.Pattern;

/**
 * A class or method name, exact or with wildcards: {@code *} matches within one package segment,
 * {@code **} across segments ({@code com.acme.**.*Controller}).
 */
public final class NamePattern {

  private final String text;
  private final Pattern regex; // null when the pattern is an exact name

  private NamePattern(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  public static NamePattern compile(String text) {
    if (text.indexOf('*') < 0) {
      return new NamePattern(text, null);
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*') {
        boolean across = i + 1 < text.length() && text.charAt(i + 1) == '*';
        regex.append(across ? ".*" : "[^.]*");
        if (across) {
          i++;
        }
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new NamePattern(text, Pattern.compile(regex.toString()));
  }

  public boolean isExact() {
    return regex == null;
  }

  public boolean matches(String name) {
    return regex == null ? text.equals(name) : regex.matcher(name).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
