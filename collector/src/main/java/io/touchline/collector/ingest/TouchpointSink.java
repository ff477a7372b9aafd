package io.touchline.collector.ingest;

import java.util.concurrent.CompletableFuture;

/**
 * Where ingest hands its batches; the store implements it. A transport never writes storage itself.
 */
public interface TouchpointSink {

  /**
   * Queues the batch for a durable write.
   *
   * @return completes once the batch is committed, or exceptionally when it could not be stored
   * @throws SinkFullException at once, when the write queue has no room: nothing was taken
   */
  CompletableFuture<Void> submit(TranslatedBatch batch);
}
