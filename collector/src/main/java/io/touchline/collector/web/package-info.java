/**
 * The REST API, the web UI's files, the live stream and {@code /metrics} over HTTP. Reads through
 * {@code query}, {@code query.views}, {@code erase}; never the store's internals or the columns.
 */
package io.touchline.collector.web;
