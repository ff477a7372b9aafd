/**
 * TLS on the collector's ports: the certificate and key that {@code config} read and checked, made
 * into what the JDK's HTTPS servers and gRPC's Netty server take, TLS 1.2 and 1.3 only; and the
 * start-up warning when tokens and customer data would cross the network in clear. Depends on
 * {@code config} only.
 */
package io.touchline.collector.tls;
