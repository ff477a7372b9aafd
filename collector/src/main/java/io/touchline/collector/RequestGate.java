package io.touchline.collector;

import io.touchline.collector.http.Exchange;
import io.touchline.collector.http.ExchangeFilter;
import io.touchline.collector.http.ExchangeHandler;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Lets requests in flight finish on shutdown without waiting longer than they need: the collector
 * closes its gate, waits for the requests it admitted, then stops the server. Requests arriving
 * after the gate closed get a 503 and are retried by OTLP senders; nothing is acknowledged that was
 * not stored.
 */
final class RequestGate implements ExchangeFilter {

  private int inFlight;
  private boolean closed;

  @Override
  public void filter(Exchange exchange, ExchangeHandler next) throws IOException {
    if (!enter()) {
      exchange.header("Retry-After", "5");
      exchange.send(503, new byte[0]);
      return;
    }
    try {
      next.handle(exchange);
    } finally {
      leave();
    }
  }

  private synchronized boolean enter() {
    if (closed) {
      return false;
    }
    inFlight++;
    return true;
  }

  private synchronized void leave() {
    inFlight--;
    notifyAll();
  }

  /** Admits no more requests; returns when those in flight are done or the timeout passed. */
  synchronized void closeAndDrain(long timeout, TimeUnit unit) throws InterruptedException {
    closed = true;
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (inFlight > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}
