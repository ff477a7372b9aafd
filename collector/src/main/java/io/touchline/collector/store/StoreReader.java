package io.touchline.collector.store;

import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.model.TouchpointKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Read queries on one connection; open one per request and close it after. */
public final class StoreReader implements AutoCloseable {

  /** Values per IN list: small enough for DuckDB to answer from the sequence indexes. */
  private static final int CHUNK = 1000;

  private final Database.Lease lease;
  private final Connection connection;

  StoreReader(Database.Lease lease) {
    this.lease = lease;
    this.connection = lease.connection();
  }

  /** The touchpoints with these sequence numbers, with their keys, in canonical order. */
  public List<Touchpoint> touchpointsBySequence(long[] sequences) {
    List<Touchpoint> touchpoints = new ArrayList<>();
    forChunks(
        sequences,
        "SELECT doc FROM touchpoints WHERE seq IN ",
        rs -> touchpoints.add(TouchpointDocument.read(rs.getString(1))));
    touchpoints.sort(
        Comparator.comparingLong(Touchpoint::eventTimeNanos)
            .thenComparing(Touchpoint::traceId)
            .thenComparing(Touchpoint::spanId));
    return touchpoints;
  }

  /**
   * The touchpoints with these sequence numbers, each with its sequence number, in no particular
   * order.
   */
  public List<Stored> storedBySequence(long[] sequences) {
    List<Stored> stored = new ArrayList<>();
    forChunks(
        sequences,
        "SELECT seq, doc FROM touchpoints WHERE seq IN ",
        rs -> stored.add(new Stored(rs.getLong(1), TouchpointDocument.read(rs.getString(2)))));
    return stored;
  }

  /** What the profile index needs of these touchpoints, in no particular order. */
  public List<TouchpointKeys> entriesBySequence(long[] sequences) {
    List<TouchpointKeys> entries = new ArrayList<>(sequences.length);
    forChunks(
        sequences,
        "SELECT seq, trace_id, span_id, event_nanos, key_fingerprints, key_types FROM touchpoints WHERE seq IN ",
        rs -> {
          Object[] values = (Object[]) rs.getArray(5).getArray();
          long[] fingerprints = new long[values.length];
          for (int i = 0; i < values.length; i++) {
            fingerprints[i] = (Long) values[i];
          }
          String types = rs.getString(6);
          entries.add(
              new TouchpointKeys(
                  rs.getLong(1),
                  rs.getLong(4),
                  SeenSpans.fingerprint(rs.getString(2), rs.getString(3)),
                  fingerprints,
                  types.isEmpty() ? List.of() : List.of(types.split(","))));
        });
    return entries;
  }

  /** A touchpoint with its place in store order. */
  public record Stored(long sequence, Touchpoint touchpoint) {}

  /**
   * Up to {@code limit} touchpoints stored after {@code afterSequence}, in store order; a null
   * {@code channel} or {@code touchpoint} matches any.
   */
  public List<Stored> touchpointsAfter(
      long afterSequence, int limit, String channel, String touchpoint) {
    String sql =
        "SELECT seq, doc FROM touchpoints WHERE seq > ?"
            + (channel == null ? "" : " AND channel = ?")
            + (touchpoint == null ? "" : " AND touchpoint = ?")
            + " ORDER BY seq LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int parameter = 1;
      statement.setLong(parameter++, afterSequence);
      if (channel != null) {
        statement.setString(parameter++, channel);
      }
      if (touchpoint != null) {
        statement.setString(parameter++, touchpoint);
      }
      statement.setInt(parameter, limit);
      List<Stored> stored = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          stored.add(new Stored(rs.getLong(1), TouchpointDocument.read(rs.getString(2))));
        }
      }
      return stored;
    } catch (SQLException e) {
      throw new StoreException("query failed: " + e.getMessage(), e);
    }
  }

  /** The ids ({@code traceId/spanId}) among these touchpoints' that are stored already. */
  Set<String> storedIds(List<Touchpoint> candidates) throws SQLException {
    Set<String> wanted = new HashSet<>();
    candidates.forEach(t -> wanted.add(t.traceId() + "/" + t.spanId()));
    Set<String> stored = new HashSet<>();
    List<String> traces = candidates.stream().map(Touchpoint::traceId).distinct().toList();
    for (int from = 0; from < traces.size(); from += CHUNK) {
      List<String> chunk = traces.subList(from, Math.min(traces.size(), from + CHUNK));
      String sql =
          "SELECT trace_id, span_id FROM touchpoints WHERE trace_id IN ("
              + String.join(",", Collections.nCopies(chunk.size(), "?"))
              + ")";
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          statement.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString(1) + "/" + rs.getString(2);
            if (wanted.contains(id)) {
              stored.add(id);
            }
          }
        }
      }
    }
    return stored;
  }

  /** How many touchpoints are stored. */
  public long touchpointCount() throws SQLException {
    return single("SELECT count(*) FROM touchpoints");
  }

  /** The highest sequence number in use; 0 for an empty store. */
  public long maxSequence() throws SQLException {
    return single("SELECT coalesce(max(seq), 0) FROM touchpoints");
  }

  /** The scans over every stored touchpoint, on this reader's connection. */
  public StoreScans scans() {
    return new StoreScans(
        connection,
        () -> {
          try {
            return maxSequence();
          } catch (SQLException e) {
            throw new StoreException(
                "reading the highest sequence number failed: " + e.getMessage(), e);
          }
        });
  }

  /** The names of the attributes on the most recent touchpoints, sorted. */
  public List<String> recentAttributeNames(int touchpoints) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT DISTINCT unnest(json_keys(doc, '$.attributes')) AS name"
                + " FROM (SELECT doc FROM touchpoints ORDER BY seq DESC LIMIT ?) ORDER BY name")) {
      statement.setInt(1, touchpoints);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  /** The key hashes of every erased key. */
  List<String> erasedKeyHashes() throws SQLException {
    List<String> hashes = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT key_hash FROM erased_keys")) {
      while (rs.next()) {
        hashes.add(rs.getString(1));
      }
    }
    return hashes;
  }

  /** The audit records of every erasure, newest first. */
  public List<ErasureRecord> erasures() throws SQLException {
    List<ErasureRecord> records = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT epoch_us(erased_at), requested_by, profile_id, touchpoints, keys,"
                    + " shared_keys_kept, token_name FROM erasures"
                    + " ORDER BY erased_at DESC, profile_id")) {
      while (rs.next()) {
        records.add(
            new ErasureRecord(
                Instant.EPOCH.plus(rs.getLong(1), ChronoUnit.MICROS),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getInt(5),
                rs.getInt(6),
                rs.getString(7)));
      }
    }
    return records;
  }

  public long counter(String name) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
      statement.setString(1, name);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private long single(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    lease.close();
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  /**
   * The numbers as SQL IN lists, {@code (1,2,3)}, of up to {@link #CHUNK} each: small enough for
   * DuckDB to answer from the sequence index. Numbers only, so there is nothing to escape.
   */
  static List<String> inLists(long[] sequences) {
    List<String> lists = new ArrayList<>();
    for (int from = 0; from < sequences.length; from += CHUNK) {
      StringBuilder in = new StringBuilder("(");
      for (int i = from; i < Math.min(sequences.length, from + CHUNK); i++) {
        in.append(i == from ? "" : ",").append(sequences[i]);
      }
      lists.add(in.append(')').toString());
    }
    return lists;
  }

  /** Runs {@code select} with each IN list of {@link #inLists}. */
  private void forChunks(long[] sequences, String select, RowReader reader) {
    for (String in : inLists(sequences)) {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(select + in)) {
        while (rs.next()) {
          reader.read(rs);
        }
      } catch (SQLException e) {
        throw new StoreException("query failed: " + e.getMessage(), e);
      }
    }
  }
}
