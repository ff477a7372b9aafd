package io.touchline.collector;

import io.touchline.collector.config.CollectorConfig;
import io.touchline.collector.http.ExchangeFilter;
import io.touchline.collector.http.ExchangeHandler;
import io.touchline.collector.http.HttpLimits;
import io.touchline.collector.http.HttpPort;
import io.touchline.collector.tls.ServerTls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * The collector's two HTTP ports (OTLP/HTTP and the API): bound, gated, guarded, limited as
 * collector.yaml's {@code http} section says, and speaking TLS when the config has a certificate.
 */
final class HttpListeners {

  private HttpListeners() {}

  /**
   * A started port on {@code bindAddress:port} whose every path goes to {@code handler} (so that a
   * wrong path gets the same kind of answer as a wrong body), behind the shutdown gate and, when
   * given, the token filter, and with whatever escapes them answered 500.
   *
   * @param name the port's name in the log and its threads' names: {@code otlp} or {@code api}
   * @param field the config field that names the port, for the error when it is taken
   * @param tls the certificate and key to speak HTTPS with, or null for plain HTTP
   * @param concurrency how many of its requests do their work at once; 0 leaves it to the handler
   */
  static HttpPort listen(
      String name,
      String bindAddress,
      String field,
      int port,
      ServerTls tls,
      CollectorConfig.Http http,
      ExchangeHandler handler,
      RequestGate gate,
      ExchangeFilter auth,
      int concurrency,
      ThreadFactory threads)
      throws IOException {
    List<ExchangeFilter> filters = new ArrayList<>();
    filters.add(new HandlerBoundary(name.equals("api") ? "API" : "OTLP/HTTP"));
    filters.add(gate);
    if (auth != null) {
      filters.add(auth);
    }
    if (concurrency > 0) {
      filters.add(new ConcurrencyLimit(concurrency));
    }
    return HttpPort.open(
        name,
        bindAddress,
        field,
        port,
        tls == null ? null : tls.context(),
        tls == null ? null : tls.parameters(),
        limits(http),
        ExchangeFilter.chain(filters, handler),
        threads);
  }

  static HttpLimits limits(CollectorConfig.Http http) {
    return new HttpLimits(
        http.header(),
        http.body(),
        http.idle(),
        http.maxHeaderBytes(),
        http.maxConnections(),
        http.maxConnectionsPerClient());
  }

  /** The host part of an address, bracketed when it is an IPv6 literal. */
  static String host(String bindAddress) {
    return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
  }

  /**
   * The port's base URL, {@code https://} when it speaks TLS, with the port actually bound (the
   * config may say 0).
   */
  static String url(String bindAddress, HttpPort port) {
    return (port.secure() ? "https://" : "http://") + host(bindAddress) + ":" + port.port();
  }
}
