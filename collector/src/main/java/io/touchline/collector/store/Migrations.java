package io.touchline.collector.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as numbered steps. A database remembers the last step it ran; opening it runs the
 * steps it lacks, in one transaction each. Steps are only ever appended, never edited.
 */
final class Migrations {

  private static final List<String> STEPS =
      List.of(
          // 1: touchpoints, their keys, and counters that survive restarts.
          """
          CREATE TABLE touchpoints (
            trace_id    VARCHAR NOT NULL,
            span_id     VARCHAR NOT NULL,
            event_nanos BIGINT NOT NULL,
            event_time  TIMESTAMP NOT NULL,
            touchpoint  VARCHAR NOT NULL,
            channel     VARCHAR NOT NULL,
            service     VARCHAR NOT NULL,
            outcome     VARCHAR NOT NULL,
            attributes  VARCHAR NOT NULL,
            PRIMARY KEY (trace_id, span_id)
          );
          CREATE TABLE touchpoint_keys (
            trace_id  VARCHAR NOT NULL,
            span_id   VARCHAR NOT NULL,
            key_type  VARCHAR NOT NULL,
            key_value VARCHAR NOT NULL,
            key_hash  VARCHAR NOT NULL
          );
          CREATE INDEX touchpoint_keys_by_key ON touchpoint_keys (key_type, key_value);
          CREATE INDEX touchpoint_keys_by_hash ON touchpoint_keys (key_hash);
          CREATE INDEX touchpoint_keys_by_span ON touchpoint_keys (trace_id, span_id);
          CREATE TABLE counters (
            name  VARCHAR PRIMARY KEY,
            value BIGINT NOT NULL
          );
          """,
          // 2: where a group commit lands its rows in bulk before they are moved into touchpoints,
          // skipping those stored before; empty outside a write transaction.
          """
          CREATE TABLE ingest_staging (
            trace_id     VARCHAR NOT NULL,
            span_id      VARCHAR NOT NULL,
            event_nanos  BIGINT NOT NULL,
            event_micros BIGINT NOT NULL,
            touchpoint   VARCHAR NOT NULL,
            channel      VARCHAR NOT NULL,
            service      VARCHAR NOT NULL,
            outcome      VARCHAR NOT NULL,
            attributes   VARCHAR NOT NULL
          );
          """);

  private Migrations() {}

  static void apply(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      int current = 0;
      try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
        if (rs.next()) {
          current = rs.getInt(1);
        }
      }
      if (current > STEPS.size()) {
        throw new SQLException(
            "the database has schema version " + current + ", newer than this collector's "
                + STEPS.size() + "; use a newer collector");
      }
      for (int step = current + 1; step <= STEPS.size(); step++) {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
          statement.execute(STEPS.get(step - 1));
          statement.execute("INSERT INTO schema_version VALUES (" + step + ")");
          connection.commit();
        } catch (SQLException e) {
          connection.rollback();
          throw new SQLException("schema migration " + step + " failed: " + e.getMessage(), e);
        } finally {
          connection.setAutoCommit(autoCommit);
        }
      }
    }
  }

  static int latest() {
    return STEPS.size();
  }
}
