package io.touchline.collector.testing;

import io.touchline.collector.ingest.TranslatedBatch;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.store.Database;
import io.touchline.collector.store.TouchpointStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Touchpoints written straight into a data directory's store, as an older collector may have stored
 * them: for tests of what the views make of rows ingest would refuse today (event times centuries
 * off). Start a collector on the directory afterwards.
 */
public final class StoredTouchpoints {

  private StoredTouchpoints() {}

  /** Stores the touchpoints in one commit and closes the database as the collector does. */
  public static void write(Path data, List<Touchpoint> touchpoints) throws Exception {
    Database database = Database.open(data, "256MB");
    TouchpointStore store = new TouchpointStore(database);
    try {
      store.write(
          new TranslatedBatch(
              touchpoints.stream().map(t -> new TranslatedBatch.Read(t, 0)).toList(), 0, 0, 0, ""));
    } finally {
      store.close();
      database.checkpoint();
      database.close();
    }
  }

  /**
   * A touchpoint of customer {@code customerId} at {@code nanos} (epoch nanoseconds), with ids of
   * its own ({@code span} tells them apart).
   */
  public static Touchpoint touchpoint(
      int span, String customerId, long nanos, String name, String channel, String outcome) {
    return new Touchpoint(
        String.format("%032x", span + 1L),
        String.format("%016x", span + 1L),
        nanos,
        name,
        channel,
        "shop",
        outcome,
        Map.of("customer_id", List.of(customerId)),
        Map.of());
  }
}
