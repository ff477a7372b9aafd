package io.touchline.collector.ingest;

/** Where ingest hands its batches; the store implements it. A transport never writes storage itself. */
public interface TouchpointSink {

  /** Stores the batch durably; returns only once it is committed. */
  void accept(TranslatedBatch batch) throws Exception;
}
