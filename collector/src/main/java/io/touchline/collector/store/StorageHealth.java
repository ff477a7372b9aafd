package io.touchline.collector.store;

import java.time.Instant;

/**
 * Whether the store can write, for {@code /api/health} and {@code /metrics}.
 *
 * @param failing whether the last attempt to commit failed: ingest is refused until one succeeds
 * @param failures commits that failed since the start
 * @param lastFailure what the last failed commit threw; null when none failed
 * @param lastFailureAt when; null when none failed
 * @param failingSince when the failures that go on began; null while the store writes
 */
public record StorageHealth(
    boolean failing,
    long failures,
    String lastFailure,
    Instant lastFailureAt,
    Instant failingSince) {}
