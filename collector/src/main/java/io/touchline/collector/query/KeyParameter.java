package io.touchline.collector.query;

import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.stitch.KeyType;
import io.touchline.collector.stitch.KeyTypes;

/**
 * Reads {@code ?key=<type>:<value>}: the type is everything before the first colon (values such as
 * URLs or hashes may hold colons); the value is normalised as the type says, so an analyst may type
 * {@code email:Ann@Example.com} and find {@code ann@example.com}. Hashed values are taken as given.
 */
public final class KeyParameter {

  private static final String HASHED = "hmac-sha256:";

  private KeyParameter() {}

  public static CustomerKey parse(String raw, KeyTypes keyTypes) {
    if (raw == null || raw.isBlank()) {
      throw new BadQueryException(
          "give the key to look up: ?key=<type>:<value>, e.g. ?key=email:ann@example.com");
    }
    int colon = raw.indexOf(':');
    if (colon <= 0 || colon == raw.length() - 1) {
      throw new BadQueryException(
          "key must be <type>:<value>, e.g. email:ann@example.com; was '" + raw + "'");
    }
    String typeName = raw.substring(0, colon);
    KeyType type =
        keyTypes
            .named(typeName)
            .orElseThrow(
                () ->
                    new BadQueryException(
                        "unknown key type '"
                            + typeName
                            + "'; known types: "
                            + String.join(", ", keyTypes.names())));
    String value = raw.substring(colon + 1);
    String normalized = value.startsWith(HASHED) ? value : type.normalize(value);
    if (normalized.isEmpty()) {
      throw new BadQueryException(
          "the " + typeName + " value '" + value + "' is empty once normalised");
    }
    return new CustomerKey(typeName, normalized);
  }
}
