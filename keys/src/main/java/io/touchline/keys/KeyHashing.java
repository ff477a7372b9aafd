package io.touchline.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hashed form of a key value, the same on both sides: {@code hmac-sha256:} + lowercase hex of
 * HMAC-SHA256(secret, normalised value). The agent sends keys hashed this way when a key is marked
 * {@code hash: true}; the collector, given the same secret, hashes a value an analyst looks up.
 */
public final class KeyHashing {

  public static final String PREFIX = "hmac-sha256:";

  private KeyHashing() {}

  public static boolean isHashed(String value) {
    return value.startsWith(PREFIX);
  }

  /** The hashed form of an HMAC-SHA256 digest. */
  public static String format(byte[] digest) {
    StringBuilder hex = new StringBuilder(PREFIX.length() + digest.length * 2).append(PREFIX);
    for (byte b : digest) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }

  /**
   * @param normalized the value after the key type's normalisation
   */
  public static String hash(byte[] secret, String normalized) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return format(mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required on every JVM", e);
    }
  }
}
