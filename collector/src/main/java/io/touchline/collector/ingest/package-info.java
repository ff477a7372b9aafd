/**
 * OTLP in: the gRPC and HTTP transports over one transport-neutral service, and the span contract
 * (which spans are touchpoints). Hands batches to a {@code TouchpointSink}, the port the store
 * implements; never touches the database itself.
 */
package io.touchline.collector.ingest;
