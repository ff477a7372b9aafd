package io.touchline.collector.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A token from {@code auth}, checked against an {@code Authorization} header (HTTP) or {@code
 * authorization} metadata (gRPC). The comparison takes the same time whatever was sent, so it leaks
 * nothing of the right token.
 */
public final class BearerToken {

  private final byte[] expected;

  public BearerToken(String token) {
    this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @param authorization the header's value as sent, or null when there was none
   */
  public boolean accepts(String authorization) {
    return authorization != null
        && MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8));
  }

  /** Why a request was refused, for the 401 / UNAUTHENTICATED message. */
  public static String refusal(String authorization) {
    return authorization == null
        ? "an Authorization: Bearer token is required"
        : "the bearer token is not valid";
  }
}
