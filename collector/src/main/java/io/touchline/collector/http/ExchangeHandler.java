package io.touchline.collector.http;

import java.io.IOException;

/** Answers an exchange, blocking as long as it needs; ends it, or leaves a stream open. */
@FunctionalInterface
public interface ExchangeHandler {
  void handle(Exchange exchange) throws IOException;
}
