package io.touchline.collector.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * The tokens of {@code auth}, checked against an {@code Authorization} header (HTTP) or {@code
 * authorization} metadata (gRPC): which token, if any, a request carried, and so who sent it.
 *
 * <p>The check takes the same time whatever was sent and whichever token it matches, so it leaks
 * nothing of the tokens: what was sent is hashed once, and its hash compared, in constant time,
 * with the hash of every token, all of them each time. Hashes have one length, so not even a
 * token's length shows.
 */
public final class BearerTokens {

  private final byte[][] digests;
  private final Caller[] callers;

  private BearerTokens(List<TokenConfig> tokens) {
    this.digests = new byte[tokens.size()][];
    this.callers = new Caller[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      TokenConfig token = tokens.get(i);
      digests[i] = sha256("Bearer " + token.token());
      callers[i] = new Caller(token.name(), token.scopeSet());
    }
  }

  /** Every token of {@code auth}, the shorthand ones included. */
  public static BearerTokens of(CollectorConfig.Auth auth) {
    return new BearerTokens(auth.all());
  }

  /**
   * Who carried this credential.
   *
   * @param authorization the header's value as sent, or null when there was none; the scheme in any
   *     case (RFC 7235 makes it case-insensitive, so {@code bearer <token>}, as curl users and some
   *     clients send it, is the same credential), the token itself exactly
   * @return the caller the token names; empty when none was sent or it is no token of {@code auth}
   */
  public Optional<Caller> caller(String authorization) {
    String canonical = withCanonicalScheme(authorization);
    if (canonical == null) {
      return Optional.empty();
    }
    byte[] sent = sha256(canonical);
    int matched = -1;
    for (int i = 0; i < digests.length; i++) {
      // No early exit: every token is compared, whichever matched.
      boolean equal = MessageDigest.isEqual(digests[i], sent);
      matched = equal ? i : matched;
    }
    return matched < 0 ? Optional.empty() : Optional.of(callers[matched]);
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

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Why a request was refused as unauthenticated, for the 401 / {@code UNAUTHENTICATED} message.
   */
  public static String refusal(String authorization) {
    return authorization == null
        ? "an Authorization: Bearer token is required"
        : "the bearer token is not valid";
  }

  /**
   * Why a known token was refused, for the 403 / {@code PERMISSION_DENIED} message: the scope it
   * lacks, and the token's name (never the token).
   */
  public static String forbidden(Caller caller, Scope needed) {
    return "the token '"
        + caller.name()
        + "' does not have the "
        + needed.label()
        + " scope, which this needs";
  }
}
