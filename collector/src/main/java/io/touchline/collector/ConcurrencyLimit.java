package io.touchline.collector;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * How many requests of a port do their work at once. The port's threads are many, so that a client
 * sending its request slowly holds only a thread of its own (and the server closes it when its
 * request does not arrive in time); the work itself — queries, translating spans — goes through
 * these few permits, taken once the request's headers are in.
 */
final class ConcurrencyLimit extends Filter {

  private final Semaphore permits;

  ConcurrencyLimit(int permits) {
    this.permits = new Semaphore(permits, true);
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close(); // the collector is stopping
      return;
    }
    try {
      chain.doFilter(exchange);
    } finally {
      permits.release();
    }
  }

  @Override
  public String description() {
    return "lets a bounded number of requests work at once";
  }
}
