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
          """,
          // 3: one row per touchpoint holding everything about it: a JSON document with all the
          // API shows of it (ids, time, name, channel, service, outcome, attributes, keys as
          // [[type, value], ...]) so a timeline reads one column per row, its key fingerprints
          // (for the in-memory profile index, rebuilt from this table at start) and whether one
          // is a customer_id; and a sequence number, assigned by the writer, under which the
          // index names it. The separate key table and
          // its wide VARCHAR indexes slowed every write and held most of the memory; duplicates
          // are recognised by the writer (SeenSpans), so the ids need no index either.
          """
          CREATE TABLE touchpoints_v3 (
            seq              BIGINT NOT NULL,
            trace_id         VARCHAR NOT NULL,
            span_id          VARCHAR NOT NULL,
            event_nanos      BIGINT NOT NULL,
            event_time       TIMESTAMP NOT NULL,
            touchpoint       VARCHAR NOT NULL,
            channel          VARCHAR NOT NULL,
            service          VARCHAR NOT NULL,
            outcome          VARCHAR NOT NULL,
            doc              VARCHAR NOT NULL,
            key_fingerprints BIGINT[] NOT NULL,
            identified       BOOLEAN NOT NULL
          );
          INSERT INTO touchpoints_v3
            SELECT row_number() OVER (ORDER BY t.event_nanos, t.trace_id, t.span_id), t.trace_id, t.span_id,
                   t.event_nanos, t.event_time, t.touchpoint, t.channel, t.service, t.outcome,
                   json_object('traceId', t.trace_id, 'spanId', t.span_id, 'eventNanos', t.event_nanos,
                               'touchpoint', t.touchpoint, 'channel', t.channel, 'service', t.service,
                               'outcome', t.outcome, 'attributes', t.attributes::JSON,
                               'keys', coalesce(k.keys, '[]')::JSON)::VARCHAR,
                   coalesce(k.fingerprints, CAST([] AS BIGINT[])), coalesce(k.identified, false)
            FROM touchpoints t LEFT JOIN (
              SELECT trace_id, span_id,
                     to_json(list([key_type, key_value] ORDER BY key_type, key_value))::VARCHAR AS keys,
                     -- the first 8 bytes of the key hash as a signed 64-bit number, as Java reads them
                     list((('0x' || substr(key_hash, 1, 16))::UBIGINT::HUGEINT
                           - CASE WHEN ('0x' || substr(key_hash, 1, 16))::UBIGINT >= 9223372036854775808
                                  THEN 18446744073709551616::HUGEINT ELSE 0 END)::BIGINT
                          ORDER BY key_type, key_value) AS fingerprints,
                     bool_or(key_type = 'customer_id') AS identified
              FROM touchpoint_keys GROUP BY trace_id, span_id) k
            ON t.trace_id = k.trace_id AND t.span_id = k.span_id;
          DROP TABLE touchpoint_keys;
          DROP TABLE touchpoints;
          DROP TABLE ingest_staging;
          ALTER TABLE touchpoints_v3 RENAME TO touchpoints;
          CREATE INDEX touchpoints_by_seq ON touchpoints (seq);
          """,
          // 4: each key's type beside its fingerprint (names joined by commas, in the same order),
          // so the identity rules — which weigh keys by type — can be rebuilt from this table.
          // DuckDB alters no table that has an index: the index is made again after.
          """
          DROP INDEX touchpoints_by_seq;
          ALTER TABLE touchpoints ADD COLUMN key_types VARCHAR NOT NULL DEFAULT '';
          UPDATE touchpoints SET key_types = coalesce(array_to_string(json_extract_string(doc, '$.keys[*][0]'), ','), '');
          CREATE INDEX touchpoints_by_seq ON touchpoints (seq);
          """,
          // 5: erasure. A tombstone per erased key — its key hash, one-way, never the value — so
          // a replayed span carrying it is dropped; and an audit record per erasure: when, by
          // which key type, which profile, how much went. Neither holds a raw key value.
          """
          CREATE TABLE erased_keys (
            key_hash  VARCHAR NOT NULL PRIMARY KEY,
            erased_at TIMESTAMP NOT NULL
          );
          CREATE TABLE erasures (
            erased_at        TIMESTAMP NOT NULL,
            requested_by     VARCHAR NOT NULL,
            profile_id       VARCHAR NOT NULL,
            touchpoints      BIGINT NOT NULL,
            keys             INTEGER NOT NULL,
            shared_keys_kept INTEGER NOT NULL
          );
          """,
          // 6: the name of the token an erasure was asked with (auth.tokens; "anonymous" when the
          // API asks for none). Records from before it hold none.
          """
          ALTER TABLE erasures ADD COLUMN token_name VARCHAR;
          """);

  private Migrations() {}

  static void apply(Connection connection) throws SQLException {
    applyUpTo(connection, STEPS.size());
  }

  /**
   * Runs the missing steps up to {@code last}; tests use it to build a database as an older
   * collector left it.
   */
  static void applyUpTo(Connection connection, int last) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      int current = 0;
      try (ResultSet rs =
          statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
        if (rs.next()) {
          current = rs.getInt(1);
        }
      }
      if (current > STEPS.size()) {
        throw new SQLException(
            "the database has schema version "
                + current
                + ", newer than this collector's "
                + STEPS.size()
                + "; use a newer collector");
      }
      for (int step = current + 1; step <= last; step++) {
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
