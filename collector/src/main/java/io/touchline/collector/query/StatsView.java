package io.touchline.collector.query;

import io.touchline.collector.stitch.ProfileIndex;

/** Whole-collector figures, as {@code GET /api/stats} answers them. */
public record StatsView(
    long touchpoints,
    long profiles,
    double identifiedShare,
    long unattributed,
    long ambiguous,
    long conflicts,
    long sharedKeys,
    long placeholdersDropped,
    long nonTouchpointSpans,
    long erasedDropped,
    ProfileIndex.Work identityWork) {}
