package io.touchline.collector.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.touchline.collector.config.BearerToken;
import java.io.IOException;
import java.util.Set;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}; answers 401 otherwise.
 * Paths in {@code open} need no token (a load balancer's health check carries none).
 */
public final class BearerTokenFilter extends Filter {

  /** Writes the 401 in the format the endpoint's clients read. */
  public interface Refusal {
    void send(HttpExchange exchange, String message) throws IOException;
  }

  private final BearerToken token;
  private final Set<String> open;
  private final Refusal refusal;

  /** Whether this guards the API port, whose UI files and live stream have their own rules. */
  private final boolean api;

  public BearerTokenFilter(String token, Set<String> open, Refusal refusal) {
    this(token, open, refusal, false);
  }

  private BearerTokenFilter(String token, Set<String> open, Refusal refusal, boolean api) {
    this.token = new BearerToken(token);
    this.open = Set.copyOf(open);
    this.refusal = refusal;
    this.api = api;
  }

  /**
   * The API's filter: health and the UI's files (which hold no data) are open; a live stream may
   * carry the token as {@code ?access_token=}, since a browser's EventSource cannot send a header.
   */
  public static BearerTokenFilter forApi(String token, Refusal refusal) {
    return new BearerTokenFilter(token, Set.of("/api/health"), refusal, true);
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (open.contains(path) || (api && UiAssets.owns(path))) {
      chain.doFilter(exchange);
      return;
    }
    String sent = exchange.getRequestHeaders().getFirst("Authorization");
    if (api && sent == null && path.equals(LiveStream.PATH)) {
      sent = queryToken(exchange.getRequestURI().getRawQuery());
    }
    if (token.accepts(sent)) {
      chain.doFilter(exchange);
      return;
    }
    try (exchange) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"touchline\"");
      refusal.send(exchange, BearerToken.refusal(sent));
    }
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
        return "Bearer "
            + java.net.URLDecoder.decode(
                pair.substring("access_token=".length()), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Override
  public String description() {
    return "bearer token";
  }
}
