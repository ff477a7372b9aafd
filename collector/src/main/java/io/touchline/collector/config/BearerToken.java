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
   * @param authorization the header's value as sent, or null when there was none; the scheme in any
   *     case (RFC 7235 makes it case-insensitive, so {@code bearer <token>}, as curl users and some
   *     clients send it, is the same credential), the token itself exactly
   */
  public boolean accepts(String authorization) {
    String canonical = withCanonicalScheme(authorization);
    return canonical != null
        && MessageDigest.isEqual(expected, canonical.getBytes(StandardCharsets.UTF_8));
  }

  private static String withCanonicalScheme(String authorization) {
    if (authorization == null) {
      return null;
    }
    String sent = authorization.strip();
    int space = sent.indexOf(' ');
    return space > 0 && sent.substring(0, space).equalsIgnoreCase("Bearer")
        ? "Bearer " + sent.substring(space + 1).stripLeading()
        : sent;
  }

  /** Why a request was refused, for the 401 / UNAUTHENTICATED message. */
  public static String refusal(String authorization) {
    return authorization == null
        ? "an Authorization: Bearer token is required"
        : "the bearer token is not valid";
  }
}
