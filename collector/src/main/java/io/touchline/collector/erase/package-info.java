/**
 * Erasure by key: plans what goes (from the profile index), has the store delete it with tombstones
 * and an audit record, and answers the dry run. Uses {@code query}, {@code stitch}, {@code store};
 * no HTTP.
 */
package io.touchline.collector.erase;
