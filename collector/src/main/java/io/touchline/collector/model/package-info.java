/**
 * The vocabulary every part shares: a touchpoint, a customer key, a committed batch, key hashes.
 * Depends on nothing else of the collector.
 */
package io.touchline.collector.model;
