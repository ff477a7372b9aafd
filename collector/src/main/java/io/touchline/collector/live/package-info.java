/**
 * The live feed: each commit's touchpoints handed to a few watchers with bounded queues. Uses
 * {@code model} only.
 */
package io.touchline.collector.live;
