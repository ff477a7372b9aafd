package io.touchline.collector;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Lets requests in flight finish on shutdown without waiting longer than they need. The JDK 17
 * {@code HttpServer.stop(delay)} always waits the whole delay when nothing is in flight
 * (JDK-8304065), so the collector closes its gate, waits for the requests it admitted, then stops
 * the server with no delay. Requests arriving after the gate closed get a 503 and are retried by
 * OTLP senders; nothing is acknowledged that was not stored.
 */
final class RequestGate extends Filter {

  private int inFlight;
  private boolean closed;

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    if (!enter()) {
      try (exchange) {
        exchange.getResponseHeaders().set("Retry-After", "5");
        exchange.sendResponseHeaders(503, -1);
      }
      return;
    }
    try {
      chain.doFilter(exchange);
    } finally {
      leave();
    }
  }

  @Override
  public String description() {
    return "admits requests until the collector shuts down";
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
