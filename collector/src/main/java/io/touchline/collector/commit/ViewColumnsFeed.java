package io.touchline.collector.commit;

import io.touchline.collector.journey.AttributeColumns;
import io.touchline.collector.journey.TouchpointColumns;
import io.touchline.collector.log.CollectorLog;
import io.touchline.collector.model.CommittedBatch;
import io.touchline.collector.model.ErasedTouchpoints;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.store.CommitListener;
import io.touchline.collector.store.StoreException;
import io.touchline.collector.store.StoreReader;
import io.touchline.collector.store.TouchpointStore;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Keeps what the analyst views read in memory — each touchpoint's columns and the attributes used
 * for segments — up to date with the store, and reads it back after a start or a rebuild.
 */
public final class ViewColumnsFeed implements CommitListener {

  /** Stored touchpoints whose attribute names the views' pickers start with. */
  private static final int RECENT_FOR_NAMES = 10_000;

  private final TouchpointColumns columns;
  private final AttributeColumns attributes;
  private final TouchpointStore store;
  private final ThreadFactory loadThreads;

  /** The outcome of the latest load: how many touchpoints in how long, or why it failed. */
  private volatile CompletableFuture<String> loaded = new CompletableFuture<>();

  /**
   * @param loadThreads makes the thread that reads the columns back in the background
   */
  public ViewColumnsFeed(TouchpointStore store, ThreadFactory loadThreads) {
    this.store = store;
    this.loadThreads = loadThreads;
    this.columns = new TouchpointColumns();
    this.attributes = new AttributeColumns(this::loadAttribute);
  }

  public TouchpointColumns columns() {
    return columns;
  }

  public AttributeColumns attributes() {
    return attributes;
  }

  /** Whether the columns are being read back, and why that failed if it did: for health. */
  public CommitPublisher.Progress progress() {
    return new CommitPublisher.Progress() {
      @Override
      public boolean loading() {
        return columns.loading();
      }

      @Override
      public String failure() {
        return columns.failure();
      }
    };
  }

  @Override
  public void committed(CommittedBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      Touchpoint t = batch.touchpoints().get(i);
      long sequence = batch.keys().get(i).sequence();
      columns.add(
          sequence,
          t.eventTimeNanos(),
          t.touchpoint(),
          t.channel(),
          t.service(),
          t.outcome(),
          batch.keys().get(i).keyFingerprints().length > 0);
      attributes.add(sequence, t.attributes());
    }
  }

  @Override
  public void erased(ErasedTouchpoints erased) {
    columns.remove(erased.sequences());
  }

  /**
   * Reads the columns back on a thread of their own: the collector is ready (lookups, ingest)
   * without waiting for them, and the views answer 503 until they are read (seconds at ten million
   * touchpoints). What the writer stores meanwhile it adds itself. Call it while no batch is
   * written, so the load and the writer agree on where one ends and the other begins.
   */
  public void rebuild() throws SQLException {
    columns.unload();
    long last;
    long rows;
    try (StoreReader reader = store.reader()) {
      last = reader.maxSequence();
      rows = reader.touchpointCount();
    }
    int round = columns.startLoading(rows);
    CompletableFuture<String> outcome = new CompletableFuture<>();
    loaded = outcome;
    loadThreads.newThread(() -> load(round, last, outcome)).start();
  }

  /**
   * Tells {@code report} how the latest load ended ("loaded (...)" or "unavailable: ..."): at once
   * when it has, else on the loading thread when it does.
   */
  public void whenLoaded(Consumer<String> report) {
    loaded.thenAccept(report);
  }

  private void load(int round, long last, CompletableFuture<String> report) {
    long began = System.nanoTime();
    try (StoreReader reader = store.reader()) {
      boolean current =
          reader
              .scans()
              .forEachColumnRow(
                  last,
                  (sequence, nanos, touchpoint, channel, service, outcome, keyed) ->
                      columns.addLoaded(
                          round, sequence, nanos, touchpoint, channel, service, outcome, keyed));
      if (!current) {
        return; // a newer rebuild reads them again
      }
      attributes.knowNames(reader.recentAttributeNames(RECENT_FOR_NAMES));
      attributes.reload();
      columns.finishLoading(round, System.nanoTime() - began);
      report.complete("loaded (" + columns.loadReport() + ")");
    } catch (Throwable e) { // whatever it was, the views must say so rather than wait for ever
      String why =
          "reading the stored touchpoints back failed ("
              + e
              + "); the views stay unavailable until the next start";
      columns.failLoading(round, why);
      CollectorLog.error(why);
      report.complete("unavailable: " + why);
    }
  }

  /**
   * Reads one attribute of every stored touchpoint when a view first asks for it, on a connection
   * of its own while the writer goes on.
   */
  private void loadAttribute(String attribute, AttributeColumns.ValueSink sink) {
    try (StoreReader reader = store.reader()) {
      reader.scans().forEachAttributeValue(attribute, sink::accept);
    } catch (SQLException e) {
      throw new StoreException(
          "reading attribute " + attribute + " of the stored touchpoints failed: " + e.getMessage(),
          e);
    }
  }
}
