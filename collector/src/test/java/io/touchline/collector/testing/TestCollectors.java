package io.touchline.collector.testing;

import io.touchline.collector.Collector;
import io.touchline.collector.config.CollectorConfig;
import java.nio.file.Path;

/** Collectors for tests: loopback, free ports, data in a test's own directory. */
public final class TestCollectors {

  private TestCollectors() {}

  public static Collector start(Path data) throws Exception {
    return start(data, null);
  }

  /**
   * @param maxBodyBytes the OTLP body limit, or null for the default
   */
  public static Collector start(Path data, Long maxBodyBytes) throws Exception {
    return Collector.start(
        new CollectorConfig(
            "127.0.0.1",
            new CollectorConfig.Otlp(0, 0, maxBodyBytes),
            new CollectorConfig.Api(0),
            new CollectorConfig.Storage(data.toString(), "256MB", null, null, null),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
  }

  /** A collector with the given settings, on free ports, storing under {@code data}. */
  public static Collector startWith(Path data, CollectorConfig config) throws Exception {
    return Collector.start(config.withPortsAndStorage(0, 0, 0, data.toString()));
  }
}
