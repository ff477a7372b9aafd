/**
 * The analyst views (overview, catalog, flows, funnels, paths, pain points, attribution), each a
 * class that walks the journeys snapshot once. Uses {@code journey} and {@code model}; no JDBC, no
 * HTTP, no JSON.
 */
package io.touchline.collector.query.views;
