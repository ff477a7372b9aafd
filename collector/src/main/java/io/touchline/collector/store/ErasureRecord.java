package io.touchline.collector.store;

import java.time.Instant;

/**
 * The audit record of one erasure: when, asked by which key type and with which token, what went —
 * never a key value.
 *
 * @param tokenName the name of the token the erasure was asked with; null for erasures recorded
 *     before the collector kept it
 */
public record ErasureRecord(
    Instant erasedAt,
    String requestedBy,
    String profileId,
    long touchpoints,
    int keys,
    int sharedKeysKept,
    String tokenName) {}
