/**
 * Byte Buddy weaving of the configured methods and the dispatch the inlined advice calls. It uses
 * config, capture, export, metrics and log, never cli or the root package.
 */
package io.touchline.agent.instrument;
