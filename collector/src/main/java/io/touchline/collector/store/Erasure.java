package io.touchline.collector.store;

import io.touchline.collector.model.CustomerKey;
import java.util.List;

/**
 * One erasure as the store carries it out: the touchpoints to delete and the keys to tombstone.
 *
 * @param requestedBy the type of the key the erasure was asked by (the audit keeps no value)
 * @param tokenName the name of the token the erasure was asked with, for the audit
 * @param profileId the erased profile
 * @param touchpoints the stored touchpoints to delete: every one carrying an erased key
 * @param keys the keys to erase: the profile's own, not those it shares with others
 * @param sharedKeysKept how many shared keys were listed on the profile and are kept
 */
public record Erasure(
    String requestedBy,
    String tokenName,
    String profileId,
    long[] touchpoints,
    List<CustomerKey> keys,
    int sharedKeysKept) {}
