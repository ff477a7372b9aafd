package io.touchline.collector.config;

import io.touchline.keys.Normalization;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One key type as {@code collector.yaml} declares it; the list's order is the priority order.
 *
 * @param name e.g. {@code email}; spans carry it as {@code touchline.key.<name>}
 * @param unique a profile holds at most one value of it (as {@code customer_id})
 * @param maxPerProfile a profile holds at most this many values of it; absent: no limit
 * @param normalize the normalisation steps; absent: the defaults of the span contract
 * @param attributes standard span attributes that carry this key, e.g. {@code user.email}
 */
public record KeyTypeConfig(
    String name,
    Boolean unique,
    Integer maxPerProfile,
    List<String> normalize,
    List<String> attributes) {

  /** The canonical key types of the span contract, in priority order. */
  public static final List<KeyTypeConfig> CANONICAL =
      List.of(
          new KeyTypeConfig("customer_id", true, null, null, List.of("user.id")),
          new KeyTypeConfig("email", false, 3, null, List.of("user.email")),
          new KeyTypeConfig("phone", false, null, null, List.of()),
          new KeyTypeConfig("device", false, null, null, List.of()),
          new KeyTypeConfig("session", false, null, null, List.of("session.id")));

  public KeyTypeConfig {
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new InvalidFieldException(
          "keyTypes.name", "must match [a-z][a-z0-9_]*, was '" + name + "'");
    }
    unique = unique != null && unique;
    if (maxPerProfile != null && maxPerProfile < 1) {
      throw new InvalidFieldException(
          "keyTypes.maxPerProfile", name + ": must be 1 or more, was " + maxPerProfile);
    }
    if (unique && maxPerProfile != null && maxPerProfile != 1) {
      throw new InvalidFieldException(
          "keyTypes.maxPerProfile", name + ": a unique key type holds one value per profile");
    }
    normalize = normalize == null ? Normalization.defaultsFor(name) : List.copyOf(normalize);
    for (String step : normalize) {
      if (!Normalization.STEPS.contains(step)) {
        throw new InvalidFieldException(
            "keyTypes.normalize",
            name + ": unknown step '" + step + "'; known: " + Normalization.STEPS);
      }
    }
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
    for (String attribute : attributes) {
      if (attribute.startsWith("touchline.key.")) {
        throw new InvalidFieldException(
            "keyTypes.attributes",
            name + ": " + attribute + " already names a key type; list standard attributes only");
      }
    }
  }

  /** Values one profile may hold; 0 for no limit. */
  public int limit() {
    return unique ? 1 : maxPerProfile == null ? 0 : maxPerProfile;
  }

  static void checkTable(List<KeyTypeConfig> types) {
    if (types.isEmpty()) {
      throw new InvalidFieldException("keyTypes", "declare at least one key type");
    }
    Set<String> names = new HashSet<>();
    Set<String> attributes = new HashSet<>();
    for (KeyTypeConfig type : types) {
      if (!names.add(type.name())) {
        throw new InvalidFieldException("keyTypes", type.name() + " is declared twice");
      }
      for (String attribute : type.attributes()) {
        if (!attributes.add(attribute)) {
          throw new InvalidFieldException(
              "keyTypes", "attribute " + attribute + " is mapped to two key types");
        }
      }
    }
  }
}
