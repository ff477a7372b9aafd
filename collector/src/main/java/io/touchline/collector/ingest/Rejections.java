package io.touchline.collector.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * The spans of one request that were refused: how many for each reason (the metric's label) and
 * what to tell the sender, which names the first of them.
 */
final class Rejections {

  private final Map<String, Long> byReason = new TreeMap<>();
  private long count;
  private String first = "";

  void add(String reason, String message) {
    if (count == 0) {
      first = message;
    }
    count++;
    byReason.merge(reason, 1L, Long::sum);
  }

  long count() {
    return count;
  }

  Map<String, Long> byReason() {
    return byReason;
  }

  /** For the OTLP partial success; empty when nothing was refused. */
  String message() {
    if (count == 0) {
      return "";
    }
    return count
        + " span(s) rejected: "
        + first
        + (count > 1 ? " (and " + (count - 1) + " more)" : "");
  }
}
