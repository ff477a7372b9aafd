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

  public BearerTokenFilter(String token, Set<String> open, Refusal refusal) {
    this.token = new BearerToken(token);
    this.open = Set.copyOf(open);
    this.refusal = refusal;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    if (open.contains(exchange.getRequestURI().getPath())) {
      chain.doFilter(exchange);
      return;
    }
    String sent = exchange.getRequestHeaders().getFirst("Authorization");
    if (token.accepts(sent)) {
      chain.doFilter(exchange);
      return;
    }
    try (exchange) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"touchline\"");
      refusal.send(exchange, BearerToken.refusal(sent));
    }
  }

  @Override
  public String description() {
    return "bearer token";
  }
}
