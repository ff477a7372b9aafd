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
   *     (with a {@link SinkFailingException} when the storage was failing and not tried)
   * @throws SinkFullException at once, when the write queue has no room: nothing was taken
   * @throws SinkFailingException at once, while the storage fails and waits before its next
   *     attempt: nothing was taken
   */
  CompletableFuture<Void> submit(TranslatedBatch batch);
}
