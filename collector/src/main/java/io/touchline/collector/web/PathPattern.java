package io.touchline.collector.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The paths a route answers, and the parameters each gives it. Routes name a template ({@link
 * #of}); the UI's files, which take every path outside the API, say so themselves.
 */
@FunctionalInterface
interface PathPattern {

  /**
   * The path's parameters when the path matches (an empty map when it has none); empty when it does
   * not.
   */
  Optional<Map<String, String>> match(String path);

  /**
   * A template such as {@code /api/profiles/{id}/graph}: each segment is either literal or a {@code
   * {name}} that stands for exactly one non-empty segment of the path.
   */
  static PathPattern of(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("a path template starts with /: " + template);
    }
    String[] segments = template.substring(1).split("/", -1);
    return path -> {
      if (!path.startsWith("/")) {
        return Optional.empty();
      }
      // -1 keeps trailing empty segments: /api/health/ is not /api/health.
      String[] given = path.substring(1).split("/", -1);
      if (given.length != segments.length) {
        return Optional.empty();
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      for (int i = 0; i < segments.length; i++) {
        String segment = segments[i];
        if (segment.startsWith("{") && segment.endsWith("}")) {
          if (given[i].isEmpty()) {
            return Optional.empty();
          }
          parameters.put(segment.substring(1, segment.length() - 1), given[i]);
        } else if (!segment.equals(given[i])) {
          return Optional.empty();
        }
      }
      return Optional.of(parameters);
    };
  }
}
