package io.touchline.collector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchline.collector.ingest.TouchpointSink;
import io.touchline.collector.ingest.TranslatedBatch;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.ProfileIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Writes touchpoints to the database. One writer connection, used by one thread at a time, and a
 * commit per batch: when {@link #accept} returns, the batch is durable and may be acknowledged.
 */
public final class TouchpointStore implements TouchpointSink, AutoCloseable {

  static final String NON_TOUCHPOINT_SPANS = "nonTouchpointSpans";
  static final String PLACEHOLDERS_DROPPED = "placeholdersDropped";
  static final String REJECTED_SPANS = "rejectedSpans";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final Connection writer;

  public TouchpointStore(Database database) throws SQLException {
    this.database = database;
    this.writer = database.connect();
  }

  @Override
  public synchronized void accept(TranslatedBatch batch) throws SQLException {
    writer.setAutoCommit(false);
    try (PreparedStatement insertTouchpoint =
            writer.prepareStatement(
                "INSERT OR IGNORE INTO touchpoints VALUES (?, ?, ?, make_timestamp(?), ?, ?, ?, ?, ?)"
                    + " RETURNING span_id");
        PreparedStatement insertKey =
            writer.prepareStatement("INSERT INTO touchpoint_keys VALUES (?, ?, ?, ?, ?)")) {
      long placeholders = batch.placeholdersOnOtherSpans();
      for (TranslatedBatch.Read read : batch.touchpoints()) {
        // A touchpoint stored before (same trace and span id, e.g. an OTLP retry) changes nothing.
        if (insert(insertTouchpoint, read.touchpoint())) {
          addKeys(insertKey, read.touchpoint());
          placeholders += read.placeholdersDropped();
        }
      }
      insertKey.executeBatch();
      addToCounter(NON_TOUCHPOINT_SPANS, batch.nonTouchpointSpans());
      addToCounter(PLACEHOLDERS_DROPPED, placeholders);
      addToCounter(REJECTED_SPANS, batch.rejectedSpans());
      writer.commit();
    } catch (SQLException | RuntimeException e) {
      writer.rollback();
      throw e;
    } finally {
      writer.setAutoCommit(true);
    }
  }

  /** Inserts the touchpoint; false when it was stored before (same trace and span id). */
  private static boolean insert(PreparedStatement statement, Touchpoint touchpoint) throws SQLException {
    statement.setString(1, touchpoint.traceId());
    statement.setString(2, touchpoint.spanId());
    statement.setLong(3, touchpoint.eventTimeNanos());
    statement.setLong(4, touchpoint.eventTimeNanos() / 1_000);
    statement.setString(5, touchpoint.touchpoint());
    statement.setString(6, touchpoint.channel());
    statement.setString(7, touchpoint.service());
    statement.setString(8, touchpoint.outcome());
    statement.setString(9, toJson(touchpoint.attributes()));
    try (ResultSet inserted = statement.executeQuery()) {
      return inserted.next();
    }
  }

  private static void addKeys(PreparedStatement statement, Touchpoint touchpoint) throws SQLException {
    for (Map.Entry<String, List<String>> entry : touchpoint.keys().entrySet()) {
      for (String value : entry.getValue()) {
        statement.setString(1, touchpoint.traceId());
        statement.setString(2, touchpoint.spanId());
        statement.setString(3, entry.getKey());
        statement.setString(4, value);
        statement.setString(5, ProfileIds.keyHash(new CustomerKey(entry.getKey(), value)));
        statement.addBatch();
      }
    }
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

  private static String toJson(Map<String, Object> attributes) {
    try {
      return JSON.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("attributes cannot be written as JSON", e);
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
