package io.touchline.collector.store;

import io.touchline.collector.ingest.TranslatedBatch;
import io.touchline.collector.log.CollectorLog;
import io.touchline.collector.model.CommittedBatch;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.ErasedTouchpoints;
import io.touchline.collector.model.KeyHashes;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.model.TouchpointKeys;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes touchpoints to the database: one writer connection, one transaction per group of batches.
 * When {@link #write} returns, every batch of the group is durable and may be acknowledged, and its
 * {@link CommitListener} has been told. Rows go in through DuckDB's appender (bulk, not a statement
 * per row), each touchpoint under a sequence number of its own that its keys point to. A span
 * stored before (an OTLP retry) changes nothing, not even a counter.
 */
public final class TouchpointStore implements GroupWriter, AutoCloseable {

  static final String NON_TOUCHPOINT_SPANS = "nonTouchpointSpans";
  static final String PLACEHOLDERS_DROPPED = "placeholdersDropped";
  static final String REJECTED_SPANS = "rejectedSpans";
  static final String ERASED_DROPPED = "erasedDropped";

  private static final String REOPEN_TOPIC = "reopening the database";

  /** Stored touchpoints handed to a replay at a time. */
  private static final int REPLAY_BATCH = 50_000;

  private final Database database;
  private DuckDBConnection writer;
  private volatile CommitListener listener = CommitListener.NONE;

  /** Whether the database was given up and is still to be reopened before the next write. */
  private boolean reopenDue;

  private final AtomicLong reopens = new AtomicLong();

  private final SeenSpans seen = new SeenSpans();
  private final Tombstones tombstones = new Tombstones();
  private long nextSequence;

  /** Whether {@link #replay} has read the stored touchpoints' span ids into {@link #seen}. */
  private boolean replayed;

  /**
   * Opens the writer. What the duplicate check needs of the stored touchpoints is read by the first
   * {@link #replay}, or before the first write if no one asks for a replay.
   */
  public TouchpointStore(Database database) throws SQLException {
    this.database = database;
    this.writer = (DuckDBConnection) database.connect();
    readTombstones();
  }

  private void readTombstones() throws SQLException {
    try (StoreReader reader = reader()) {
      reader.erasedKeyHashes().forEach(tombstones::add);
    }
  }

  /** Whom to tell of every commit and erasure, after it; one listener (which may fan out). */
  public void publishTo(CommitListener listener) {
    this.listener = listener;
  }

  /**
   * Reads every stored touchpoint's keys, in sequence order, into {@code batches}: how whatever
   * derives from the store is built anew. Call it while no batch is written ({@link
   * #whileWritesWait}, or before the first): it runs on the calling thread, and the receiver may
   * hand each batch to another thread so that reading and applying overlap.
   */
  public synchronized void replay(Consumer<List<TouchpointKeys>> batches) throws SQLException {
    replayed =
        false; // until the whole store was read: a failed replay is tried again before a write
    try (StoreReader reader = reader()) {
      long last = reader.maxSequence();
      // Never lower: numbers freed by an erasure or retention are not handed out again, so a
      // client paging in store order never misses what came after its last page.
      nextSequence = Math.max(nextSequence, last + 1);
      seen.clear(reader.touchpointCount());
      List<TouchpointKeys>[] batch = new List[] {new ArrayList<>(REPLAY_BATCH)};
      reader
          .scans()
          .forEachTouchpoint(
              last,
              (sequence, traceId, spanId, eventNanos, fingerprints, types) -> {
                long spanFingerprint = SeenSpans.fingerprint(traceId, spanId);
                seen.add(spanFingerprint);
                batch[0].add(
                    new TouchpointKeys(sequence, eventNanos, spanFingerprint, fingerprints, types));
                if (batch[0].size() == REPLAY_BATCH) {
                  batches.accept(batch[0]);
                  batch[0] = new ArrayList<>(REPLAY_BATCH);
                }
              });
      if (!batch[0].isEmpty()) {
        batches.accept(batch[0]);
      }
    }
    replayed = true;
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

  /**
   * Encodes a batch for {@link #writeEncoded}; thread-safe, and costly, so callers do it in
   * parallel.
   */
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

  /**
   * Stores a group of encoded batches in one transaction: all of them, or none. When it fails and
   * DuckDB has given the database up, the database is reopened before this throws (or, when that
   * fails too, before the next write).
   */
  @Override
  public synchronized void writeEncoded(List<EncodedBatch> group) throws SQLException {
    recovering(
        () -> {
          commit(group);
          return null;
        });
  }

  /**
   * Runs a write on the database, reopened first when it is due; when the write fails on a database
   * DuckDB has given up, reopens it before the failure is thrown.
   */
  private <T> T recovering(Exclusive<T> write) throws SQLException {
    try {
      if (reopenDue) {
        reopen();
      }
      return write.run();
    } catch (SQLException | RuntimeException e) {
      recoverFrom(e);
      throw e;
    }
  }

  private void commit(List<EncodedBatch> group) throws SQLException {
    if (!replayed) {
      replay(batch -> {});
    }
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
    // The transaction is begun in SQL, before the appender: the driver's setAutoCommit(false)
    // begins one only at the next statement, so the appender's rows went in on a transaction of
    // their own, committed apart from the counters (and, its failure swallowed by the appender's
    // close, lost in silence when the write-ahead log could not be written).
    execute("BEGIN TRANSACTION");
    try {
      try (DuckDBAppender touchpoints =
          writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "touchpoints")) {
        long sequence = nextSequence;
        for (Row row : fresh) {
          appendTouchpoint(touchpoints, sequence++, row);
          placeholders += row.placeholdersDropped();
        }
        touchpoints.flush(); // here, where a failure is thrown: close() would swallow it
      }
      addToCounter(NON_TOUCHPOINT_SPANS, nonTouchpoints);
      addToCounter(PLACEHOLDERS_DROPPED, placeholders);
      addToCounter(REJECTED_SPANS, rejected);
      addToCounter(ERASED_DROPPED, erasedDropped);
      execute("COMMIT");
    } catch (SQLException | RuntimeException e) {
      rollbackAfter(e);
      throw e;
    }
    // Committed: now the rest of the collector may see it.
    List<Touchpoint> touchpoints = new ArrayList<>(fresh.size());
    List<TouchpointKeys> keys = new ArrayList<>(fresh.size());
    for (Row row : fresh) {
      seen.add(row.spanFingerprint());
      touchpoints.add(row.touchpoint());
      keys.add(
          new TouchpointKeys(
              nextSequence++,
              row.touchpoint().eventTimeNanos(),
              row.spanFingerprint(),
              row.keyFingerprints(),
              keyTypes(row.touchpoint())));
    }
    if (!fresh.isEmpty()) {
      tell(() -> listener.committed(new CommittedBatch(touchpoints, keys)));
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = writer.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Ends the transaction that {@code failure} broke. A commit that failed has already been rolled
   * back by DuckDB (a ROLLBACK then finds no transaction), so what the rollback says only adds to
   * the failure, never replaces it.
   */
  private void rollbackAfter(Exception failure) {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * After a failed write: when the writer's connection no longer answers, DuckDB has given the
   * database up (a checkpoint that could not write the file invalidates it, and every connection
   * with it), and the only way on is to open it again.
   */
  private void recoverFrom(Exception failure) {
    if (!reopenDue && writerAnswers()) {
      return; // a failed commit DuckDB rolled back: the database goes on as it was
    }
    try {
      reopen();
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      CollectorLog.errorOnce(
          REOPEN_TOPIC,
          "the database could not be reopened ("
              + e.getMessage()
              + "); it is tried again with the next write");
    }
  }

  private boolean writerAnswers() {
    try (Statement statement = writer.createStatement()) {
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Closes the database and opens it again from its file, then has whatever derives from it read
   * back: the stored span ids (before the next write), the erased keys, and the listeners (the
   * profile index, the views' columns), so that nothing in memory holds a touchpoint the file does
   * not.
   */
  private void reopen() throws SQLException {
    reopenDue = true;
    try {
      writer.close();
    } catch (SQLException e) {
      // given up with the database
    }
    database.reopen();
    writer = (DuckDBConnection) database.connect();
    reopenDue = false;
    reopens.incrementAndGet();
    replayed = false; // the duplicate check reads the span ids from the file before the next write
    readTombstones();
    CollectorLog.recovered(REOPEN_TOPIC, "the database could be reopened");
    CollectorLog.info(
        "reopened the database after DuckDB gave it up; what was committed is read back from"
            + " its file");
    tell(listener::reopened);
  }

  /** Times the database was reopened after DuckDB gave it up. */
  @Override
  public long reopens() {
    return reopens.get();
  }

  /** A listener's failure is its own: the commit stands, the writer goes on. */
  private static void tell(Runnable telling) {
    try {
      telling.run();
    } catch (RuntimeException e) {
      // The listener handed in by the collector isolates its own failures; this is the last guard.
      CollectorLog.error("a commit listener failed: " + e);
    }
  }

  /** The group's rows that are not stored yet, each once. */
  private List<Row> newRows(List<EncodedBatch> group) throws SQLException {
    Map<String, Row> unique = new LinkedHashMap<>();
    List<Touchpoint> suspects = new ArrayList<>();
    for (EncodedBatch encoded : group) {
      for (Row row : encoded.rows()) {
        if (unique.putIfAbsent(id(row.touchpoint()), row) == null
            && seen.mayContain(row.spanFingerprint())) {
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

  /**
   * Runs {@code work} while no batch is written, so that what it reads stays true until it returns.
   */
  public synchronized <T> T whileWritesWait(Exclusive<T> work) throws SQLException {
    return work.run();
  }

  /**
   * Carries out an erasure in one transaction — the touchpoints deleted, a tombstone per key, an
   * audit record — then checkpoints, so that the write-ahead log no longer holds them either, and
   * tells the listener. From then on a span carrying an erased key is dropped.
   *
   * @return when it happened
   */
  public synchronized Instant erase(Erasure erasure) throws SQLException {
    return recovering(() -> eraseNow(erasure));
  }

  private Instant eraseNow(Erasure erasure) throws SQLException {
    Instant now = Instant.now();
    long micros = Math.floorDiv(now.getEpochSecond() * 1_000_000_000L + now.getNano(), 1_000L);
    List<String> keyHashes = erasure.keys().stream().map(KeyHashes::keyHash).toList();
    execute("BEGIN TRANSACTION");
    try {
      long deleted = 0;
      long[] sequences = erasure.touchpoints();
      for (String in : StoreReader.inLists(sequences)) {
        try (var statement = writer.createStatement()) {
          deleted += statement.executeUpdate("DELETE FROM touchpoints WHERE seq IN " + in);
        }
      }
      if (deleted != sequences.length) {
        throw new SQLException(
            "erasure found "
                + deleted
                + " of the "
                + sequences.length
                + " touchpoints it was to delete");
      }
      try (PreparedStatement tombstone =
          writer.prepareStatement(
              "INSERT INTO erased_keys VALUES (?, make_timestamp(?)) ON CONFLICT DO NOTHING")) {
        for (String keyHash : keyHashes) {
          tombstone.setString(1, keyHash);
          tombstone.setLong(2, micros);
          tombstone.executeUpdate();
        }
      }
      try (PreparedStatement audit =
          writer.prepareStatement(
              "INSERT INTO erasures (erased_at, requested_by, profile_id, touchpoints, keys,"
                  + " shared_keys_kept, token_name) VALUES (make_timestamp(?), ?, ?, ?, ?, ?, ?)")) {
        audit.setLong(1, micros);
        audit.setString(2, erasure.requestedBy());
        audit.setString(3, erasure.profileId());
        audit.setLong(4, deleted);
        audit.setInt(5, erasure.keys().size());
        audit.setInt(6, erasure.sharedKeysKept());
        audit.setString(7, erasure.tokenName());
        audit.executeUpdate();
      }
      addToCounter(Database.ERASURES_TO_PURGE, 1);
      execute("COMMIT");
    } catch (SQLException | RuntimeException e) {
      rollbackAfter(e);
      throw e;
    }
    keyHashes.forEach(tombstones::add);
    // Committed: the listeners forget the touchpoints before anything else can fail.
    long[] erasedKeys = keyHashes.stream().mapToLong(KeyHashes::fingerprint).toArray();
    tell(() -> listener.erased(new ErasedTouchpoints(erasure.touchpoints(), erasedKeys)));
    // The erasure is committed and audited: a checkpoint that fails (a full disk) must not make
    // it look failed to whoever asked. The write-ahead log holds it, and the next start compacts.
    try (var statement = writer.createStatement()) {
      statement.execute("CHECKPOINT");
    } catch (SQLException e) {
      CollectorLog.error(
          "the erasure is committed, but the checkpoint after it failed ("
              + e.getMessage()
              + "); its rows leave the file when the collector next starts");
      reopenDue = !writerAnswers();
    }
    return now;
  }

  /**
   * Deletes the touchpoints whose event time is before {@code cutoff}. What derives from them is
   * the caller's to rebuild ({@link #replay}), in the same {@link #whileWritesWait}.
   */
  public synchronized long deleteOlderThan(Instant cutoff) throws SQLException {
    return recovering(() -> deleteNow(cutoff));
  }

  private long deleteNow(Instant cutoff) throws SQLException {
    long micros =
        Math.floorDiv(cutoff.getEpochSecond() * 1_000_000_000L + cutoff.getNano(), 1_000L);
    long deleted;
    try (PreparedStatement touchpoints =
        writer.prepareStatement("DELETE FROM touchpoints WHERE event_time < make_timestamp(?)")) {
      touchpoints.setLong(1, micros);
      deleted = touchpoints.executeUpdate();
    }
    return deleted;
  }

  private static void appendTouchpoint(DuckDBAppender rows, long sequence, Row row)
      throws SQLException {
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

  /** A reader on its own connection, for one request's queries. */
  public StoreReader reader() throws SQLException {
    return new StoreReader(database.lease());
  }

  @Override
  public synchronized void close() throws SQLException {
    writer.close();
  }
}
