package io.touchline.collector;

import io.touchline.collector.http.Exchange;
import io.touchline.collector.http.ExchangeFilter;
import io.touchline.collector.http.ExchangeHandler;
import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * How many requests of a port do their work at once. The port's threads are many, so that a request
 * waiting for its body holds only a thread of its own; the work itself — queries, translating spans
 * — goes through these few permits, taken once the request's headers are in.
 */
final class ConcurrencyLimit implements ExchangeFilter {

  private final Semaphore permits;

  ConcurrencyLimit(int permits) {
    this.permits = new Semaphore(permits, true);
  }

  @Override
  public void filter(Exchange exchange, ExchangeHandler next) throws IOException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close(); // the collector is stopping
      return;
    }
    try {
      next.handle(exchange);
    } finally {
      permits.release();
    }
  }
}
