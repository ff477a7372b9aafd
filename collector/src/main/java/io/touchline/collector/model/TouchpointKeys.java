package io.touchline.collector.model;

import java.util.List;

/**
 * A stored touchpoint as the identity rules need it: its sequence number in the store, its event
 * time, a hash of its span id (the last tie-break of the canonical order), and its keys by
 * fingerprint with their types, in the same order.
 */
public record TouchpointKeys(
    long sequence, long eventNanos, long idHash, long[] keyFingerprints, List<String> keyTypes) {}
