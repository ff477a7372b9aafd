package io.touchline.collector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchline.collector.ingest.TranslatedBatch;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.ProfileIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes touchpoints to the database: one writer connection, one transaction per group of
 * batches. When {@link #write} returns, every batch of the group is durable and may be
 * acknowledged. Rows go in through DuckDB's appender (bulk, not a statement per row) into a
 * staging table, and from there into {@code touchpoints} with the primary key deciding which
 * spans are new: a span stored before (an OTLP retry) changes nothing, not even a counter.
 */
public final class TouchpointStore implements AutoCloseable {

  static final String NON_TOUCHPOINT_SPANS = "nonTouchpointSpans";
  static final String PLACEHOLDERS_DROPPED = "placeholdersDropped";
  static final String REJECTED_SPANS = "rejectedSpans";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final DuckDBConnection writer;

  public TouchpointStore(Database database) throws SQLException {
    this.database = database;
    this.writer = (DuckDBConnection) database.connect();
  }

  /** Stores one batch in its own transaction. */
  public void write(TranslatedBatch batch) throws SQLException {
    write(List.of(batch));
  }

  /** Stores a group of batches in one transaction: all of them, or none. */
  public synchronized void write(List<TranslatedBatch> group) throws SQLException {
    writer.setAutoCommit(false);
    try {
      stage(group);
      Set<String> inserted = moveNewTouchpoints();
      long placeholders = 0;
      long nonTouchpoints = 0;
      long rejected = 0;
      try (DuckDBAppender keys = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "touchpoint_keys")) {
        for (TranslatedBatch batch : group) {
          placeholders += batch.placeholdersOnOtherSpans();
          nonTouchpoints += batch.nonTouchpointSpans();
          rejected += batch.rejectedSpans();
          for (TranslatedBatch.Read read : batch.touchpoints()) {
            // remove(): a span twice in one group is stored, and counted, once.
            if (inserted.remove(id(read.touchpoint()))) {
              appendKeys(keys, read.touchpoint());
              placeholders += read.placeholdersDropped();
            }
          }
        }
      }
      addToCounter(NON_TOUCHPOINT_SPANS, nonTouchpoints);
      addToCounter(PLACEHOLDERS_DROPPED, placeholders);
      addToCounter(REJECTED_SPANS, rejected);
      writer.commit();
    } catch (SQLException | RuntimeException e) {
      writer.rollback();
      throw e;
    } finally {
      writer.setAutoCommit(true);
    }
  }

  /** Deletes the touchpoints (and their keys) whose event time is before {@code cutoff}. */
  public synchronized long deleteOlderThan(Instant cutoff) throws SQLException {
    long micros = Math.floorDiv(cutoff.getEpochSecond() * 1_000_000_000L + cutoff.getNano(), 1_000L);
    writer.setAutoCommit(false);
    try (PreparedStatement keys =
            writer.prepareStatement(
                "DELETE FROM touchpoint_keys WHERE (trace_id, span_id) IN"
                    + " (SELECT trace_id, span_id FROM touchpoints WHERE event_time < make_timestamp(?))");
        PreparedStatement touchpoints =
            writer.prepareStatement("DELETE FROM touchpoints WHERE event_time < make_timestamp(?)")) {
      keys.setLong(1, micros);
      keys.executeUpdate();
      touchpoints.setLong(1, micros);
      long deleted = touchpoints.executeUpdate();
      writer.commit();
      return deleted;
    } catch (SQLException | RuntimeException e) {
      writer.rollback();
      throw e;
    } finally {
      writer.setAutoCommit(true);
    }
  }

  private void stage(List<TranslatedBatch> group) throws SQLException {
    try (DuckDBAppender staging = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ingest_staging")) {
      for (TranslatedBatch batch : group) {
        for (TranslatedBatch.Read read : batch.touchpoints()) {
          Touchpoint touchpoint = read.touchpoint();
          staging.beginRow()
              .append(touchpoint.traceId())
              .append(touchpoint.spanId())
              .append(touchpoint.eventTimeNanos())
              .append(Math.floorDiv(touchpoint.eventTimeNanos(), 1_000L))
              .append(touchpoint.touchpoint())
              .append(touchpoint.channel())
              .append(touchpoint.service())
              .append(touchpoint.outcome())
              .append(toJson(touchpoint.attributes()))
              .endRow();
        }
      }
    }
  }

  /** Moves the staged rows that are not stored yet; returns their ids. */
  private Set<String> moveNewTouchpoints() throws SQLException {
    Set<String> inserted = new HashSet<>();
    try (Statement statement = writer.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery(
              "INSERT OR IGNORE INTO touchpoints"
                  + " SELECT trace_id, span_id, event_nanos, make_timestamp(event_micros), touchpoint,"
                  + " channel, service, outcome, attributes FROM ingest_staging"
                  + " RETURNING trace_id, span_id")) {
        while (rows.next()) {
          inserted.add(rows.getString(1) + "/" + rows.getString(2));
        }
      }
      statement.execute("DELETE FROM ingest_staging");
    }
    return inserted;
  }

  private static String id(Touchpoint touchpoint) {
    return touchpoint.traceId() + "/" + touchpoint.spanId();
  }

  private static void appendKeys(DuckDBAppender keys, Touchpoint touchpoint) throws SQLException {
    for (Map.Entry<String, List<String>> entry : touchpoint.keys().entrySet()) {
      for (String value : entry.getValue()) {
        keys.beginRow()
            .append(touchpoint.traceId())
            .append(touchpoint.spanId())
            .append(entry.getKey())
            .append(value)
            .append(ProfileIds.keyHash(new CustomerKey(entry.getKey(), value)))
            .endRow();
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
