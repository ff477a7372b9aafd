package io.touchline.collector.stitch;

import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.KeyHashes;

/**
 * Profile ids are {@code p_} + the hex of a hash of the profile's anchoring key: opaque (no
 * personal data), stable, and independent of the order in which touchpoints arrived.
 */
public final class ProfileIds {

  private ProfileIds() {}

  public static String forAnchor(CustomerKey anchor) {
    return "p_" + KeyHashes.keyHash(anchor);
  }
}
