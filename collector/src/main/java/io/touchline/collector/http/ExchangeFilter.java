package io.touchline.collector.http;

import java.io.IOException;
import java.util.List;

/** Stands in front of a handler: answers the exchange itself, or hands it on to {@code next}. */
@FunctionalInterface
public interface ExchangeFilter {

  void filter(Exchange exchange, ExchangeHandler next) throws IOException;

  /** {@code handler} behind {@code filters}, the first of them outermost. */
  static ExchangeHandler chain(List<ExchangeFilter> filters, ExchangeHandler handler) {
    ExchangeHandler chained = handler;
    for (int i = filters.size() - 1; i >= 0; i--) {
      ExchangeFilter filter = filters.get(i);
      ExchangeHandler next = chained;
      chained = exchange -> filter.filter(exchange, next);
    }
    return chained;
  }
}
