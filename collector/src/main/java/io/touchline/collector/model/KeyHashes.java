package io.touchline.collector.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the collector knows a key without keeping its value: a hash for tombstones and profile ids,
 * and a fingerprint (a number) for the in-memory indexes. Shared by the store, which writes them,
 * and the identity rules, which read them.
 */
public final class KeyHashes {

  private KeyHashes() {}

  /**
   * The first 8 bytes of a key hash as a number: how the in-memory profile index knows a key. Two
   * different keys share one with a probability of about n²/2⁶⁵ (10⁻⁵ for ten million keys); a
   * lookup checks that the touchpoints it reads carry the key asked for.
   */
  public static long fingerprint(String keyHash) {
    return Long.parseUnsignedLong(keyHash.substring(0, 16), 16);
  }

  /** The fingerprint of a key. */
  public static long fingerprint(CustomerKey key) {
    return fingerprint(keyHash(key));
  }

  /** The first 16 bytes of SHA-256 of {@code type:value}, in lowercase hex. */
  public static String keyHash(CustomerKey key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every JVM", e);
    }
  }
}
