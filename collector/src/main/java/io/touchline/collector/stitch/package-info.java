/**
 * Identity stitching: key types, the identity rules on one linked group and the in-memory profile
 * index. No JDBC, no HTTP, no JSON, no DuckDB: stored touchpoints come in through a {@code
 * TouchpointSource}.
 */
package io.touchline.collector.stitch;
