package io.touchline.collector.stitch;

import io.touchline.keys.Normalization;
import java.util.List;

/**
 * A kind of customer identifier and how its values are normalised.
 *
 * @param name e.g. {@code email}; spans carry it as {@code touchline.key.<name>}
 * @param priority 0 is the highest; decides which key anchors a profile and is listed first
 * @param normalizers applied in order: {@code trim}, {@code lowercase}, {@code digits}
 * @param attributeAliases standard span attributes that carry this key, e.g. {@code user.email}
 * @param maxPerProfile values of this type one profile may hold (1: unique); 0 for no limit
 */
public record KeyType(
    String name,
    int priority,
    List<String> normalizers,
    List<String> attributeAliases,
    int maxPerProfile) {

  public KeyType(
      String name, int priority, List<String> normalizers, List<String> attributeAliases) {
    this(name, priority, normalizers, attributeAliases, 0);
  }

  public KeyType {
    // Checked here so that a key-type table loaded from config fails at start, not on a span.
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "key type name must match [a-z][a-z0-9_]*, was '" + name + "'");
    }
    if (priority < 0) {
      throw new IllegalArgumentException(
          "key type " + name + ": priority must be 0 or more, was " + priority);
    }
    for (String step : normalizers) {
      if (!Normalization.STEPS.contains(step)) {
        throw new IllegalArgumentException(
            "key type "
                + name
                + ": unknown normalize step '"
                + step
                + "'; known: "
                + Normalization.STEPS);
      }
    }
    if (maxPerProfile < 0) {
      throw new IllegalArgumentException(
          "key type " + name + ": maxPerProfile must be 0 (no limit) or more");
    }
    normalizers = List.copyOf(normalizers);
    attributeAliases = List.copyOf(attributeAliases);
  }

  /** The same steps, by the same names, as the agent applies (see touchline-keys). */
  public String normalize(String raw) {
    return Normalization.apply(normalizers, raw);
  }
}
