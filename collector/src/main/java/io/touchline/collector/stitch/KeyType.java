package io.touchline.collector.stitch;

import java.util.List;
import java.util.Locale;

/**
 * A kind of customer identifier and how its values are normalised.
 *
 * @param name e.g. {@code email}; spans carry it as {@code touchline.key.<name>}
 * @param priority 0 is the highest; decides which key anchors a profile and is listed first
 * @param normalizers applied in order: {@code trim}, {@code lowercase}, {@code digits}
 * @param attributeAliases standard span attributes that carry this key, e.g. {@code user.email}
 */
public record KeyType(String name, int priority, List<String> normalizers, List<String> attributeAliases) {

  public KeyType {
    normalizers = List.copyOf(normalizers);
    attributeAliases = List.copyOf(attributeAliases);
  }

  public String normalize(String raw) {
    String value = raw;
    for (String step : normalizers) {
      value =
          switch (step) {
            case "trim" -> value.trim();
            case "lowercase" -> value.toLowerCase(Locale.ROOT);
            case "digits" -> value.replaceAll("[^0-9]", "");
            default -> throw new IllegalStateException("unknown normalizer " + step);
          };
    }
    return value;
  }
}
