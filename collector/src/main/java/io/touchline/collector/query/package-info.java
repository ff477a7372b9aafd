/**
 * Profiles, identity graphs, touchpoints in store order and stats, as the API answers them: reads
 * the store and the profile index. No HTTP.
 */
package io.touchline.collector.query;
