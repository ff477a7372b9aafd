package io.touchline.agent.export;

import io.touchline.agent.capture.CapturePlan;
import io.touchline.agent.capture.Invocation;
import java.util.Collections;

/** Touchpoint records as the application threads queue them, for the export tests. */
final class TestRecords {

  private TestRecords() {}

  /**
   * A call of {@code com.acme.Shop.buy} named {@code name}; {@code thrown} null when it returned.
   */
  static TouchpointRecord record(String name, Throwable thrown) {
    return new TouchpointRecord(
        name,
        "v7",
        null,
        "com.acme.Shop.buy",
        1_000,
        2_000,
        new CapturePlan(Collections.emptyMap(), Collections.emptyMap())
            .capture(new Invocation(null, new Object[0], null, null)),
        thrown,
        0x1234L,
        0x5678L,
        name.hashCode() | 1L,
        0);
  }
}
