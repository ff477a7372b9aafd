/** {@code /metrics} in the Prometheus text format, read from the counters where they are kept. */
package io.touchline.collector.metrics;
