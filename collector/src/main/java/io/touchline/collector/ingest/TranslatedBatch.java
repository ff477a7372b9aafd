package io.touchline.collector.ingest;

import io.touchline.collector.model.Touchpoint;
import java.util.List;

/**
 * What one OTLP export request turned into.
 *
 * @param touchpoints the spans that are touchpoints, to be stored
 * @param nonTouchpointSpans spans with neither a touchpoint name nor a known key: counted only
 * @param placeholdersDropped key values that were placeholders such as {@code anonymous}
 * @param rejectedSpans spans that cannot be used (e.g. invalid ids), reported back to the sender
 * @param rejectionMessage why, for the OTLP partial-success answer; empty when none were rejected
 */
public record TranslatedBatch(
    List<Touchpoint> touchpoints,
    long nonTouchpointSpans,
    long placeholdersDropped,
    long rejectedSpans,
    String rejectionMessage) {

  public TranslatedBatch {
    touchpoints = List.copyOf(touchpoints);
  }
}
