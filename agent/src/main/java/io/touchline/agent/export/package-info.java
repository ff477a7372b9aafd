/**
 * Queued touchpoint records turned into spans and sent over OTLP/HTTP on one export thread, with
 * OpenTelemetry. It reads {@code config}'s settings and {@code capture}'s values and never uses
 * instrument, cli or the root package.
 */
package io.touchline.agent.export;
