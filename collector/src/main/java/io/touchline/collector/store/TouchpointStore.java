package io.touchline.collector.store;

import io.touchline.collector.model.TouchpointKeys;
import io.touchline.collector.model.KeyHashes;
import io.touchline.collector.ingest.TranslatedBatch;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.journey.AttributeColumns;
import io.touchline.collector.journey.TouchpointColumns;
import io.touchline.collector.stitch.ProfileIndex;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes touchpoints to the database: one writer connection, one transaction per group of
 * batches. When {@link #write} returns, every batch of the group is durable and may be
 * acknowledged, and the {@link ProfileIndex} already shows it. Rows go in through DuckDB's
 * appender (bulk, not a statement per row), each touchpoint under a sequence number of its own
 * that its keys point to. A span stored before (an OTLP retry) changes nothing, not even a counter.
 */
public final class TouchpointStore implements AutoCloseable {

  static final String NON_TOUCHPOINT_SPANS = "nonTouchpointSpans";
  static final String PLACEHOLDERS_DROPPED = "placeholdersDropped";
  static final String REJECTED_SPANS = "rejectedSpans";
  static final String ERASED_DROPPED = "erasedDropped";

  private final Database database;
  private final DuckDBConnection writer;
  private final ProfileIndex index;
  /** What the analyst views read of each touchpoint, in memory. */
  private final TouchpointColumns columns = new TouchpointColumns();
  private final AttributeColumns attributes = new AttributeColumns(this::loadAttribute);
  /** Told of every group of touchpoints once it is committed (the live view). */
  private volatile java.util.function.Consumer<List<Touchpoint>> onStored = stored -> {};
  /** Stored touchpoints whose attribute names the views' pickers start with. */
  private static final int RECENT_FOR_NAMES = 10_000;
  /** Touchpoints handed to the profile index at a time during a rebuild. */
  private static final int REBUILD_BATCH = 50_000;

  private final SeenSpans seen = new SeenSpans();
  private final Tombstones tombstones = new Tombstones();
  private long nextSequence;

  public TouchpointStore(Database database) throws SQLException {
    this(database, KeyTypes.defaults());
  }

  /** Opens the writer and fills the profile index (and the duplicate check) from what is stored. */
  public TouchpointStore(Database database, KeyTypes keyTypes) throws SQLException {
    this.database = database;
    this.writer = (DuckDBConnection) database.connect();
    this.index = new ProfileIndex(keyTypes, this::storedEntries);
    try (StoreReader reader = reader()) {
      reader.erasedKeyHashes().forEach(tombstones::add);
    }
    rebuild();
  }

  /**
   * Reads the views' columns back on a thread of their own: the collector is ready (lookups,
   * ingest) without waiting for them, and the views answer 503 until they are read (seconds at
   * ten million touchpoints). What the writer stores meanwhile it adds itself.
   */
  private void loadViewColumns() throws SQLException {
    long last;
    long rows;
    try (StoreReader reader = reader()) {
      last = reader.maxSequence();
      rows = reader.touchpointCount();
    }
    int round = columns.startLoading(rows);
    Thread loading = new Thread(() -> {
      long began = System.nanoTime();
      try (StoreReader reader = reader()) {
        boolean current = reader.forEachColumnRow(last, (sequence, nanos, touchpoint, channel, service, outcome, keyed) ->
            columns.addLoaded(round, sequence, nanos, touchpoint, channel, service, outcome, keyed));
        if (!current) {
          return; // a newer rebuild reads them again
        }
        attributes.knowNames(reader.recentAttributeNames(RECENT_FOR_NAMES));
        attributes.reload();
        columns.finishLoading(round, System.nanoTime() - began);
      } catch (Throwable e) { // whatever it was, the views must say so rather than wait for ever
        String why = "reading the stored touchpoints back failed (" + e + "); the views stay unavailable until the next start";
        columns.failLoading(round, why);
        System.err.println("touchline collector: " + why);
      }
    }, "touchline-views-load");
    loading.setDaemon(true);
    loading.start();
  }

  /** Stored touchpoints as the profile index reads them back, when it decides a group anew. */
  private List<TouchpointKeys> storedEntries(long[] sequences) {
    try (StoreReader reader = reader()) {
      return reader.entriesBySequence(sequences);
    } catch (SQLException e) {
      throw new StoreException("reading touchpoints back for the profile index failed: " + e.getMessage(), e);
    }
  }

  public ProfileIndex index() {
    return index;
  }

  /** Whom to tell of the touchpoints of every commit, after it: must return quickly. */
  public void onStored(java.util.function.Consumer<List<Touchpoint>> listener) {
    this.onStored = listener;
  }

  public TouchpointColumns columns() {
    return columns;
  }

  public AttributeColumns attributes() {
    return attributes;
  }

  /** Reads one attribute of every stored touchpoint when a view first asks for it, on a connection of its own while the writer goes on. */
  private void loadAttribute(String attribute, AttributeColumns.ValueSink sink) {
    try (StoreReader reader = reader()) {
      reader.forEachAttributeValue(attribute, sink::accept);
    } catch (SQLException e) {
      throw new StoreException("reading attribute " + attribute + " of the stored touchpoints failed: " + e.getMessage(), e);
    }
  }

  /**
   * Reads every stored touchpoint's id and keys back into memory: at start, and after deletes.
   * One thread reads rows while this one applies the identity rules to the batch before, so the
   * two halves of the work overlap (each about half of it; measured at 2M touchpoints).
   */
  private synchronized void rebuild() throws SQLException {
    index.clear();
    // The views' columns are read after the index, not beside it: on two cores the two reads
    // slowed each other down and the collector was ready later.
    columns.unload();
    BlockingQueue<List<TouchpointKeys>> batches = new ArrayBlockingQueue<>(2);
    List<TouchpointKeys> end = List.of();
    AtomicReference<Throwable> readFailure = new AtomicReference<>();
    try (StoreReader reader = reader()) {
      long last = reader.maxSequence();
      nextSequence = last + 1;
      seen.clear(reader.touchpointCount());
      Thread reading = new Thread(() -> {
        try {
          List<TouchpointKeys>[] batch = new List[] {new ArrayList<>(REBUILD_BATCH)};
          reader.forEachTouchpoint(last,
              (sequence, traceId, spanId, eventNanos, fingerprints, types) -> {
                long spanFingerprint = SeenSpans.fingerprint(traceId, spanId);
                seen.add(spanFingerprint);
                batch[0].add(new TouchpointKeys(sequence, eventNanos, spanFingerprint, fingerprints, types));
                if (batch[0].size() == REBUILD_BATCH) {
                  putUninterruptibly(batches, batch[0]); // a bounded batch in memory at a time
                  batch[0] = new ArrayList<>(REBUILD_BATCH);
                }
              });
          putUninterruptibly(batches, batch[0]);
        } catch (Throwable e) {
          readFailure.set(e);
        } finally {
          putUninterruptibly(batches, end);
        }
      }, "touchline-rebuild-reader");
      reading.start();
      boolean interrupted = false;
      try {
        while (true) {
          List<TouchpointKeys> batch;
          try {
            batch = batches.take();
          } catch (InterruptedException e) {
            interrupted = true; // the rebuild finishes regardless; the flag is restored after
            continue;
          }
          if (batch == end) {
            break;
          }
          batch.forEach(index::add);
          index.commit();
        }
      } finally {
        // Should the rules have failed, the reader may wait on a full queue: empty it until it ends.
        while (reading.isAlive()) {
          batches.clear();
          try {
            reading.join(10);
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (readFailure.get() != null) {
      throw new SQLException("reading the stored touchpoints failed: " + readFailure.get().getMessage(), readFailure.get());
    }
    loadViewColumns();
  }

  private static <T> void putUninterruptibly(BlockingQueue<T> queue, T item) {
    boolean interrupted = Thread.interrupted();
    while (true) {
      try {
        queue.put(item);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A batch made ready for the writer: every row's JSON, key fingerprints and span fingerprint
   * computed ahead, on the thread that received it, so the one writer thread only appends.
   */
  public record EncodedBatch(TranslatedBatch batch, List<Row> rows) {}

  /** One touchpoint as it will be stored. */
  record Row(
      Touchpoint touchpoint,
      int placeholdersDropped,
      String document,
      long[] keyFingerprints,
      long spanFingerprint) {}

  /** Encodes a batch for {@link #writeEncoded}; thread-safe, and costly, so callers do it in parallel. */
  public static EncodedBatch encode(TranslatedBatch batch) {
    List<Row> rows = new ArrayList<>(batch.touchpoints().size());
    for (TranslatedBatch.Read read : batch.touchpoints()) {
      Touchpoint touchpoint = read.touchpoint();
      rows.add(
          new Row(
              touchpoint,
              read.placeholdersDropped(),
              TouchpointDocument.write(touchpoint),
              keyFingerprints(touchpoint),
              SeenSpans.fingerprint(touchpoint.traceId(), touchpoint.spanId())));
    }
    return new EncodedBatch(batch, rows);
  }

  /** Stores one batch in its own transaction. */
  public void write(TranslatedBatch batch) throws SQLException {
    write(List.of(batch));
  }

  /** Stores a group of batches in one transaction: all of them, or none. */
  public void write(List<TranslatedBatch> group) throws SQLException {
    writeEncoded(group.stream().map(TouchpointStore::encode).toList());
  }

  /** Stores a group of encoded batches in one transaction: all of them, or none. */
  public synchronized void writeEncoded(List<EncodedBatch> group) throws SQLException {
    List<Row> fresh = newRows(group);
    long erasedDropped = 0;
    if (!tombstones.isEmpty()) {
      int before = fresh.size();
      fresh.removeIf(row -> tombstones.carriesErasedKey(row.touchpoint(), row.keyFingerprints()));
      erasedDropped = before - fresh.size();
    }
    long placeholders = 0;
    long nonTouchpoints = 0;
    long rejected = 0;
    for (EncodedBatch encoded : group) {
      placeholders += encoded.batch().placeholdersOnOtherSpans();
      nonTouchpoints += encoded.batch().nonTouchpointSpans();
      rejected += encoded.batch().rejectedSpans();
    }
    writer.setAutoCommit(false);
    try {
      try (DuckDBAppender touchpoints = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "touchpoints")) {
        long sequence = nextSequence;
        for (Row row : fresh) {
          appendTouchpoint(touchpoints, sequence++, row);
          placeholders += row.placeholdersDropped();
        }
      }
      addToCounter(NON_TOUCHPOINT_SPANS, nonTouchpoints);
      addToCounter(PLACEHOLDERS_DROPPED, placeholders);
      addToCounter(REJECTED_SPANS, rejected);
      addToCounter(ERASED_DROPPED, erasedDropped);
      writer.commit();
    } catch (SQLException | RuntimeException e) {
      writer.rollback();
      throw e;
    } finally {
      writer.setAutoCommit(true);
    }
    // Committed: now the rest of the collector may see it. The views' columns first, so that
    // whatever the profile index shows has its columns.
    long columnSequence = nextSequence;
    for (Row row : fresh) {
      Touchpoint t = row.touchpoint();
      columns.add(columnSequence, t.eventTimeNanos(), t.touchpoint(), t.channel(), t.service(), t.outcome(),
          row.keyFingerprints().length > 0);
      attributes.add(columnSequence++, t.attributes());
    }
    for (Row row : fresh) {
      seen.add(row.spanFingerprint());
      index.add(new TouchpointKeys(
          nextSequence++, row.touchpoint().eventTimeNanos(), row.spanFingerprint(), row.keyFingerprints(), keyTypes(row.touchpoint())));
    }
    index.commit();
    if (!fresh.isEmpty()) {
      try {
        onStored.accept(fresh.stream().map(Row::touchpoint).toList());
      } catch (RuntimeException e) {
        System.err.println("touchline collector: the live view failed on new touchpoints: " + e.getMessage());
      }
    }
  }

  /** The group's rows that are not stored yet, each once. */
  private List<Row> newRows(List<EncodedBatch> group) throws SQLException {
    Map<String, Row> unique = new LinkedHashMap<>();
    List<Touchpoint> suspects = new ArrayList<>();
    for (EncodedBatch encoded : group) {
      for (Row row : encoded.rows()) {
        if (unique.putIfAbsent(id(row.touchpoint()), row) == null && seen.mayContain(row.spanFingerprint())) {
          suspects.add(row.touchpoint());
        }
      }
    }
    if (!suspects.isEmpty()) {
      try (StoreReader reader = reader()) {
        reader.storedIds(suspects).forEach(unique::remove);
      }
    }
    return new ArrayList<>(unique.values());
  }

  /** What runs while no batch is written. */
  public interface Exclusive<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} while no batch is written, so that what it reads stays true until it returns. */
  public synchronized <T> T whileWritesWait(Exclusive<T> work) throws SQLException {
    return work.run();
  }

  /**
   * Carries out an erasure in one transaction — the touchpoints deleted, a tombstone per key, an
   * audit record — then checkpoints, so that the write-ahead log no longer holds them either, and
   * forgets them in the profile index. From then on a span carrying an erased key is dropped.
   *
   * @return when it happened
   */
  public synchronized Instant erase(Erasure erasure) throws SQLException {
    Instant now = Instant.now();
    long micros = Math.floorDiv(now.getEpochSecond() * 1_000_000_000L + now.getNano(), 1_000L);
    List<String> keyHashes = erasure.keys().stream().map(KeyHashes::keyHash).toList();
    writer.setAutoCommit(false);
    try {
      long deleted = 0;
      long[] sequences = erasure.touchpoints();
      for (String in : StoreReader.inLists(sequences)) {
        try (var statement = writer.createStatement()) {
          deleted += statement.executeUpdate("DELETE FROM touchpoints WHERE seq IN " + in);
        }
      }
      if (deleted != sequences.length) {
        throw new SQLException("erasure found " + deleted + " of the " + sequences.length + " touchpoints it was to delete");
      }
      try (PreparedStatement tombstone = writer.prepareStatement(
          "INSERT INTO erased_keys VALUES (?, make_timestamp(?)) ON CONFLICT DO NOTHING")) {
        for (String keyHash : keyHashes) {
          tombstone.setString(1, keyHash);
          tombstone.setLong(2, micros);
          tombstone.executeUpdate();
        }
      }
      try (PreparedStatement audit = writer.prepareStatement(
          "INSERT INTO erasures VALUES (make_timestamp(?), ?, ?, ?, ?, ?)")) {
        audit.setLong(1, micros);
        audit.setString(2, erasure.requestedBy());
        audit.setString(3, erasure.profileId());
        audit.setLong(4, deleted);
        audit.setInt(5, erasure.keys().size());
        audit.setInt(6, erasure.sharedKeysKept());
        audit.executeUpdate();
      }
      addToCounter(Database.ERASURES_TO_PURGE, 1);
      writer.commit();
    } catch (SQLException | RuntimeException e) {
      writer.rollback();
      throw e;
    } finally {
      writer.setAutoCommit(true);
    }
    keyHashes.forEach(tombstones::add);
    columns.remove(erasure.touchpoints());
    try (var statement = writer.createStatement()) {
      statement.execute("CHECKPOINT");
    }
    try {
      index.forget(erasure.touchpoints(), keyHashes.stream().mapToLong(KeyHashes::fingerprint).toArray());
    } catch (RuntimeException e) {
      System.err.println("touchline collector: the profile index could not forget the erased touchpoints ("
          + e.getMessage() + "); rebuilding it from the store");
      rebuild();
    }
    return now;
  }

  /** Deletes the touchpoints whose event time is before {@code cutoff}. */
  public synchronized long deleteOlderThan(Instant cutoff) throws SQLException {
    long micros = Math.floorDiv(cutoff.getEpochSecond() * 1_000_000_000L + cutoff.getNano(), 1_000L);
    long deleted;
    try (PreparedStatement touchpoints =
        writer.prepareStatement("DELETE FROM touchpoints WHERE event_time < make_timestamp(?)")) {
      touchpoints.setLong(1, micros);
      deleted = touchpoints.executeUpdate();
    }
    if (deleted > 0) {
      rebuild();
    }
    return deleted;
  }

  private static void appendTouchpoint(DuckDBAppender rows, long sequence, Row row) throws SQLException {
    Touchpoint touchpoint = row.touchpoint();
    rows.beginRow()
        .append(sequence)
        .append(touchpoint.traceId())
        .append(touchpoint.spanId())
        .append(touchpoint.eventTimeNanos())
        .appendEpochMicros(Math.floorDiv(touchpoint.eventTimeNanos(), 1_000L))
        .append(touchpoint.touchpoint())
        .append(touchpoint.channel())
        .append(touchpoint.service())
        .append(touchpoint.outcome())
        .append(row.document())
        .append(row.keyFingerprints())
        .append(touchpoint.keys().containsKey(CustomerKey.IDENTIFYING_TYPE))
        .append(String.join(",", keyTypes(touchpoint)))
        .endRow();
  }

  /** The types of the touchpoint's keys, in the order of {@link #keyFingerprints}. */
  private static List<String> keyTypes(Touchpoint touchpoint) {
    List<String> types = new ArrayList<>();
    touchpoint.keys().forEach((type, values) -> values.forEach(value -> types.add(type)));
    return types;
  }

  /** The fingerprints of the touchpoint's keys. */
  private static long[] keyFingerprints(Touchpoint touchpoint) {
    long[] fingerprints = new long[touchpoint.keys().values().stream().mapToInt(List::size).sum()];
    int i = 0;
    for (Map.Entry<String, List<String>> entry : touchpoint.keys().entrySet()) {
      for (String value : entry.getValue()) {
        fingerprints[i++] = KeyHashes.fingerprint(new CustomerKey(entry.getKey(), value));
      }
    }
    return fingerprints;
  }

  private static String id(Touchpoint touchpoint) {
    return touchpoint.traceId() + "/" + touchpoint.spanId();
  }

  private void addToCounter(String name, long delta) throws SQLException {
    if (delta == 0) {
      return;
    }
    try (PreparedStatement statement =
        writer.prepareStatement(
            "INSERT INTO counters VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value")) {
      statement.setString(1, name);
      statement.setLong(2, delta);
      statement.executeUpdate();
    }
  }

  /** The touchpoints of the profile holding {@code key}, in canonical order; empty when none does. */
  public List<Touchpoint> profileTouchpoints(CustomerKey key) throws SQLException {
    long[] sequences = index.touchpointsOf(KeyHashes.fingerprint(key));
    try (StoreReader reader = reader()) {
      return sequences.length == 0 ? List.of() : reader.touchpointsBySequence(sequences);
    }
  }

  /** A reader on its own connection, for one request's queries. */
  public StoreReader reader() throws SQLException {
    return new StoreReader(database.connect());
  }

  @Override
  public synchronized void close() throws SQLException {
    writer.close();
  }
}
