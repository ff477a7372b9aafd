package io.touchline.collector.store;

import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.KeyHashes;
import io.touchline.collector.model.Touchpoint;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys erased so far, known only by their one-way key hash ({@link
 * io.touchline.collector.model.KeyHashes#keyHash}): a span that carries one of them — an export
 * retried or replayed after the erasure — is not stored again. A fingerprint set answers "no" for
 * almost every span at the cost of a probe; a hit is confirmed against the full hash. Used by the
 * store's writer only.
 */
final class Tombstones {

  private final LongOpenHashSet fingerprints = new LongOpenHashSet();
  private final Set<String> keyHashes = new HashSet<>();

  void add(String keyHash) {
    keyHashes.add(keyHash);
    fingerprints.add(KeyHashes.fingerprint(keyHash));
  }

  boolean isEmpty() {
    return keyHashes.isEmpty();
  }

  /** Whether the touchpoint carries an erased key; {@code fingerprints} are its keys', in order. */
  boolean carriesErasedKey(Touchpoint touchpoint, long[] keyFingerprints) {
    boolean suspect = false;
    for (long fingerprint : keyFingerprints) {
      suspect |= fingerprints.contains(fingerprint);
    }
    if (!suspect) {
      return false;
    }
    for (Map.Entry<String, List<String>> entry : touchpoint.keys().entrySet()) {
      for (String value : entry.getValue()) {
        if (keyHashes.contains(KeyHashes.keyHash(new CustomerKey(entry.getKey(), value)))) {
          return true;
        }
      }
    }
    return false;
  }
}
