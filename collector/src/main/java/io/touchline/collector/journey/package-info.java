/**
 * What the analyst views read, in memory: each touchpoint's columns, the attribute columns and the
 * journeys snapshot. Uses {@code stitch} and {@code model}; no JDBC, no HTTP, no JSON.
 */
package io.touchline.collector.journey;
