package io.touchline.bench.journeys;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;

/**
 * Trace and span ids for the generated spans: random-looking like the agent's, but a function of
 * the seed and a counter, so one seed always encodes the same bytes.
 */
final class Ids {

  private final long seed;
  private long counter;

  Ids(long seed) {
    this.seed = seed;
  }

  /** A new trace id: 16 bytes, never all zero. */
  ByteString nextTraceId() {
    long n = ++counter;
    long high = mix(seed ^ (n * 0x9E3779B97F4A7C15L));
    long low = mix(high ^ n) | 1L;
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
  }

  /** A new span id: 8 bytes, never all zero. */
  ByteString nextSpanId() {
    long n = ++counter;
    return ByteString.copyFrom(
        ByteBuffer.allocate(8).putLong(mix(seed ^ ~(n * 0xC2B2AE3D27D4EB4FL)) | 1L).array());
  }

  /** SplitMix64's finaliser: a seeded, well-spread hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
