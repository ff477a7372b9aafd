package io.touchline.bench;

import java.io.IOException;

/**
 * The requests an ingest load sends, by number: any client may ask for any request, in any order.
 */
interface LoadSource extends AutoCloseable {

  long requests();

  long touchpoints();

  /** Spans in request {@code index}: what its 200 acknowledges. */
  int spans(long index);

  /** The encoded {@code ExportTraceServiceRequest}. */
  byte[] body(long index) throws IOException;

  @Override
  default void close() throws IOException {}

  /**
   * {@link LoadData}'s uniform touchpoints, encoded by the client that sends them, as the load has
   * always done (so its figures compare with earlier runs).
   */
  static LoadSource uniform(LoadData data, int batch) {
    return new LoadSource() {
      @Override
      public long requests() {
        return (data.touchpoints() + batch - 1) / batch;
      }

      @Override
      public long touchpoints() {
        return data.touchpoints();
      }

      @Override
      public int spans(long index) {
        return (int) (Math.min(data.touchpoints(), (index + 1) * batch) - index * batch);
      }

      @Override
      public byte[] body(long index) {
        long from = index * batch;
        return data.request(from, from + spans(index)).toByteArray();
      }
    };
  }
}
