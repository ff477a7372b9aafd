package io.touchline.collector.testing;

import io.touchline.collector.config.CollectorConfig;
import io.touchline.collector.http.ExchangeHandler;
import io.touchline.collector.http.HttpLimits;
import io.touchline.collector.http.HttpPort;
import java.io.IOException;

/** A handler alone on a port of the collector's HTTP server, with the default limits. */
public final class TestPorts {

  private TestPorts() {}

  /** A started port on a free loopback port; the test closes it. */
  public static HttpPort open(ExchangeHandler handler) throws IOException {
    return HttpPort.open(
        "test", "127.0.0.1", "test.port", 0, null, null, defaultLimits(), handler, Thread::new);
  }

  /** What collector.yaml's {@code http} section gives when it says nothing. */
  public static HttpLimits defaultLimits() {
    CollectorConfig.Http http = CollectorConfig.Http.defaults();
    return new HttpLimits(
        http.header(),
        http.body(),
        http.idle(),
        http.maxHeaderBytes(),
        http.maxConnections(),
        http.maxConnectionsPerClient());
  }

  /** The base URL of a port. */
  public static String url(HttpPort port) {
    return "http://127.0.0.1:" + port.port();
  }
}
