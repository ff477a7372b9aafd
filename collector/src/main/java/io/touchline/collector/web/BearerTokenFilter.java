package io.touchline.collector.web;

import io.touchline.collector.config.BearerTokens;
import io.touchline.collector.config.Caller;
import io.touchline.collector.config.Scope;
import io.touchline.collector.http.Exchange;
import io.touchline.collector.http.ExchangeFilter;
import io.touchline.collector.http.ExchangeHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>} naming a token of {@code
 * auth}: 401 otherwise, before the request takes any of the port's working permits. A token that
 * lacks the scope the request needs is a 403 naming the scope.
 *
 * <p>Nothing is handed on to the handler through the exchange: a handler that needs the caller
 * reads it from the same credential ({@link #credential}), so the two cannot disagree.
 */
public final class BearerTokenFilter implements ExchangeFilter {

  /** The challenge of a 401 (RFC 6750). */
  static final String CHALLENGE = "Bearer realm=\"touchline\"";

  /** Writes a refusal (401 or 403) in the format the endpoint's clients read. */
  public interface Refusal {
    void send(Exchange exchange, int status, String message) throws IOException;
  }

  private final BearerTokens tokens;

  /** The scope every request needs; null when the handler checks each route's own. */
  private final Scope needed;

  /** Requests that need no token: (method, path). */
  private final BiPredicate<String, String> open;

  private final Refusal refusal;

  /** Whether this guards the API port, whose live stream may carry its token in the query. */
  private final boolean api;

  private BearerTokenFilter(
      BearerTokens tokens,
      Scope needed,
      BiPredicate<String, String> open,
      Refusal refusal,
      boolean api) {
    this.tokens = tokens;
    this.needed = needed;
    this.open = open;
    this.refusal = refusal;
    this.api = api;
  }

  /** Every request needs a token with {@code scope} (OTLP/HTTP: {@code ingest}). */
  public static BearerTokenFilter requiring(BearerTokens tokens, Scope scope, Refusal refusal) {
    return new BearerTokenFilter(tokens, scope, (method, path) -> false, refusal, false);
  }

  /**
   * The API's filter: a route open to all (the health check, the UI's files) passes; any other
   * request needs a known token, whose scope the dispatcher checks against its route's. A live
   * stream may carry the token as {@code ?access_token=}, since a browser's EventSource cannot send
   * a header.
   */
  static BearerTokenFilter forApi(
      BearerTokens tokens, BiPredicate<String, String> open, Refusal refusal) {
    return new BearerTokenFilter(tokens, null, open, refusal, true);
  }

  /** The challenge of a 403: the token is good, its scope is not enough (RFC 6750). */
  static String insufficientScope(Scope scope) {
    return CHALLENGE + ", error=\"insufficient_scope\", scope=\"" + scope.label() + "\"";
  }

  @Override
  public void filter(Exchange exchange, ExchangeHandler next) throws IOException {
    if (open.test(exchange.method(), exchange.path())) {
      next.handle(exchange);
      return;
    }
    String sent = api ? credential(exchange) : exchange.header("Authorization");
    Optional<Caller> caller = tokens.caller(sent);
    if (caller.isEmpty()) {
      refuse(exchange, 401, CHALLENGE, BearerTokens.refusal(sent));
      return;
    }
    if (needed != null && !caller.get().may(needed)) {
      refuse(
          exchange, 403, insufficientScope(needed), BearerTokens.forbidden(caller.get(), needed));
      return;
    }
    next.handle(exchange);
  }

  private void refuse(Exchange exchange, int status, String challenge, String message)
      throws IOException {
    exchange.header("WWW-Authenticate", challenge);
    refusal.send(exchange, status, message);
  }

  /**
   * The credential an API request carries, as an Authorization header has it: the header, or for
   * the live stream without one its {@code access_token}; null when there is none.
   */
  static String credential(Exchange exchange) {
    String sent = exchange.header("Authorization");
    if (sent == null && exchange.path().equals(LiveStream.PATH)) {
      sent = queryToken(exchange.rawQuery());
    }
    return sent;
  }

  /**
   * {@code access_token} of a query, as an Authorization header would carry it; null when absent.
   */
  private static String queryToken(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("access_token=")) {
        try {
          return "Bearer "
              + URLDecoder.decode(pair.substring("access_token=".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return "Bearer "; // a malformed escape is no token: refused as one not listed
        }
      }
    }
    return null;
  }
}
