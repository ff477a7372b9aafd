/**
 * The database (DuckDB): migrations, the write queue and its one writer, readers, erasure and
 * retention. Publishes each commit to a {@code CommitListener}; depends only on {@code model}, the
 * ingest port and {@code log}, never on what derives from the stored touchpoints.
 */
package io.touchline.collector.store;
