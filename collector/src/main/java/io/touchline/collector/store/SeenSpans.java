package io.touchline.collector.store;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.HexFormat;

/**
 * Fingerprints of every stored span (trace id + span id), so that a retried export is recognised
 * without an index on the ids: about 16 bytes per stored touchpoint. A fingerprint seen before only
 * makes a span a suspect; the store checks suspects against the rows themselves, so two spans that
 * merely share a fingerprint are both kept. Used by the writer thread only.
 */
final class SeenSpans {

  private LongOpenHashSet fingerprints = new LongOpenHashSet();

  static long fingerprint(String traceId, String spanId) {
    HexFormat hex = HexFormat.of();
    long high = hex.fromHexDigitsToLong(traceId, 0, 16);
    long low = hex.fromHexDigitsToLong(traceId, 16, 32);
    long span = hex.fromHexDigitsToLong(spanId, 0, 16);
    return mix(high ^ mix(low ^ mix(span)));
  }

  /** The finaliser of MurmurHash3: every input bit affects every output bit. */
  private static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  boolean mayContain(long fingerprint) {
    return fingerprints.contains(fingerprint);
  }

  void add(long fingerprint) {
    fingerprints.add(fingerprint);
  }

  /**
   * Forgets every span; room is made for {@code expected} of them at once rather than by growing.
   */
  void clear(long expected) {
    fingerprints = new LongOpenHashSet((int) Math.min(expected, 1 << 30));
  }
}
