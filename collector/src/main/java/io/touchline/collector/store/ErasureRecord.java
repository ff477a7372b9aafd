package io.touchline.collector.store;

import java.time.Instant;

/**
 * The audit record of one erasure: when, asked by which key type, what went — never a key value.
 */
public record ErasureRecord(
    Instant erasedAt,
    String requestedBy,
    String profileId,
    long touchpoints,
    int keys,
    int sharedKeysKept) {}
