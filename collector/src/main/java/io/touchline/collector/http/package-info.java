/**
 * The HTTP server under OTLP/HTTP and the API (Jetty's core server, no servlets): {@code HttpPort}
 * binds a port with its limits (header size, header and body deadlines, idle connections,
 * connection caps in all and per client) and hands each request to an {@code ExchangeHandler} as a
 * blocking {@code Exchange}. The only package that knows Jetty.
 */
package io.touchline.collector.http;
