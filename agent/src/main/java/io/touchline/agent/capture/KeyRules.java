package io.touchline.agent.capture;

import io.touchline.keys.KeyHashing;
import io.touchline.keys.Placeholders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What applies to every key of the application: the extra placeholder values configured on top of
 * the defaults, and the secret for keys sent hashed. Both sides use the same format: {@code
 * hmac-sha256:} + lowercase hex of HMAC-SHA256(secret, normalised value).
 */
public final class KeyRules {

  public static final String HASH_PREFIX = KeyHashing.PREFIX;
  private static final KeyRules DEFAULTS = new KeyRules(Collections.<String>emptySet(), null);

  private final Placeholders placeholders;
  private final byte[] secret;
  private final ThreadLocal<Mac> macs;

  public KeyRules(Set<String> extraPlaceholders, byte[] secret) {
    this.placeholders = Placeholders.withExtra(extraPlaceholders);
    this.secret = secret == null ? null : Arrays.copyOf(secret, secret.length);
    this.macs =
        new ThreadLocal<Mac>() {
          @Override
          protected Mac initialValue() {
            try {
              Mac mac = Mac.getInstance("HmacSHA256");
              mac.init(new SecretKeySpec(KeyRules.this.secret, "HmacSHA256"));
              return mac;
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA256 is required on every JVM", e);
            }
          }
        };
  }

  public static KeyRules defaults() {
    return DEFAULTS;
  }

  public boolean canHash() {
    return secret != null;
  }

  boolean isPlaceholder(String raw, String normalized) {
    return placeholders.isPlaceholder(raw, normalized);
  }

  /** The hashed form of a normalised value. Runs on the export thread, never the application's. */
  String hash(String normalized) {
    if (secret == null) {
      throw new IllegalStateException("no hash secret configured");
    }
    byte[] digest = macs.get().doFinal(normalized.getBytes(StandardCharsets.UTF_8));
    return KeyHashing.format(digest);
  }
}
