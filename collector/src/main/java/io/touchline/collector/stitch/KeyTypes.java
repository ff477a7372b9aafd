package io.touchline.collector.stitch;

import io.touchline.collector.config.KeyTypeConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key types the collector stitches on, with their aliases among standard span attributes. Spans
 * may carry other {@code touchline.key.*} attributes; those are kept as plain attributes.
 */
public final class KeyTypes {

  public static final String KEY_ATTRIBUTE_PREFIX = "touchline.key.";

  private final Map<String, KeyType> byName = new LinkedHashMap<>();
  private final Map<String, KeyType> byAlias = new LinkedHashMap<>();

  /**
   * Each attribute that carries a key ({@code touchline.key.<name>} and the aliases) to its type's
   * place in priority order: one lookup, no allocation, for checks that run on every attribute.
   */
  private final Map<String, Integer> slotByAttribute = new HashMap<>();

  /**
   * The table, in any order: priorities decide. Every rule is checked here too, for tables built in
   * code.
   */
  public KeyTypes(List<KeyType> types) {
    types.stream()
        .sorted(Comparator.comparingInt(KeyType::priority).thenComparing(KeyType::name))
        .forEach(
            type -> {
              if (byName.putIfAbsent(type.name(), type) != null) {
                throw new IllegalArgumentException(
                    "key type " + type.name() + " is declared twice");
              }
              for (String alias : type.attributeAliases()) {
                if (alias.startsWith(KEY_ATTRIBUTE_PREFIX)) {
                  throw new IllegalArgumentException(
                      "key type "
                          + type.name()
                          + ": "
                          + alias
                          + " already names a key type; it cannot be an alias");
                }
                KeyType other = byAlias.putIfAbsent(alias, type);
                if (other != null) {
                  throw new IllegalArgumentException(
                      "attribute "
                          + alias
                          + " is mapped to both "
                          + other.name()
                          + " and "
                          + type.name());
                }
              }
            });
    int slot = 0;
    for (KeyType type : byName.values()) {
      slotByAttribute.put(KEY_ATTRIBUTE_PREFIX + type.name(), slot);
      for (String alias : type.attributeAliases()) {
        slotByAttribute.put(alias, slot);
      }
      slot++;
    }
  }

  /** The canonical types of the span contract, in priority order. */
  public static KeyTypes defaults() {
    return from(KeyTypeConfig.CANONICAL);
  }

  /** The table {@code collector.yaml} declares; its order is the priority order. */
  public static KeyTypes from(List<KeyTypeConfig> declared) {
    List<KeyType> types = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      KeyTypeConfig type = declared.get(i);
      types.add(new KeyType(type.name(), i, type.normalize(), type.attributes(), type.limit()));
    }
    return new KeyTypes(types);
  }

  public Optional<KeyType> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The key type a span attribute carries, if it carries one. */
  public Optional<KeyType> forAttribute(String attribute) {
    if (attribute.startsWith(KEY_ATTRIBUTE_PREFIX)) {
      return named(attribute.substring(KEY_ATTRIBUTE_PREFIX.length()));
    }
    return Optional.ofNullable(byAlias.get(attribute));
  }

  /**
   * The place in priority order (0 to {@link #size()} - 1) of the key type a span attribute
   * carries, or -1 when it carries none. Unlike {@link #forAttribute}, it allocates nothing.
   */
  public int slotOf(String attribute) {
    Integer slot = slotByAttribute.get(attribute);
    return slot == null ? -1 : slot;
  }

  /** How many key types are declared. */
  public int size() {
    return byName.size();
  }

  public int priorityOf(String name) {
    KeyType type = byName.get(name);
    return type == null ? Integer.MAX_VALUE : type.priority();
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }
}
