package io.touchline.collector.model;

/**
 * What an erasure deleted from the store: the touchpoints, by sequence number, and the fingerprints
 * of the keys erased with them (which name every identity group they were in).
 */
public record ErasedTouchpoints(long[] sequences, long[] keyFingerprints) {}
