package io.touchline.collector.http;

import java.time.Duration;

/**
 * What one client may take of an HTTP port.
 *
 * @param headerTimeout a request's line and headers must arrive within this of its first byte (408
 *     and the connection closed otherwise); a TLS handshake within this of the connection's opening
 * @param bodyTimeout a request's body must arrive within this of its headers (408 otherwise)
 * @param idleTimeout a connection with nothing to send or answer is closed after this
 * @param maxHeaderBytes the request line and headers together; more is a 431 (headers) or 414 (a
 *     request line too long)
 * @param maxConnections connections open at once on the port; beyond that, new ones wait to be
 *     accepted until one closes
 * @param maxConnectionsPerClient connections one IP address may hold open; beyond that, its
 *     requests are answered 429 and the connection is closed; 0 for no such limit
 */
public record HttpLimits(
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    int maxHeaderBytes,
    int maxConnections,
    int maxConnectionsPerClient) {}
