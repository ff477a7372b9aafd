package io.touchline.collector.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.KeyGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/** Read queries on one connection; open one per request and close it after. */
public final class StoreReader implements KeyGraph, AutoCloseable {

  /** Integers come back as Long, as OTLP sent them: attributes keep their type through the store. */
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<LinkedHashMap<String, Object>> ATTRIBUTES = new TypeReference<>() {};
  /** Ids per statement: keeps statements small whatever the size of a profile. */
  private static final int CHUNK = 500;

  private final Connection connection;

  StoreReader(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Set<String> touchpointsWithAnyKey(Collection<CustomerKey> keys) {
    Set<String> ids = new LinkedHashSet<>();
    forChunks(
        new ArrayList<>(keys),
        "SELECT DISTINCT trace_id, span_id FROM touchpoint_keys WHERE ",
        "(key_type = ? AND key_value = ?)",
        (statement, chunk) -> bindKeys(statement, chunk),
        rs -> ids.add(rs.getString(1) + "/" + rs.getString(2)));
    return ids;
  }

  @Override
  public Set<CustomerKey> keysOf(Collection<String> touchpoints) {
    Set<CustomerKey> keys = new LinkedHashSet<>();
    forChunks(
        new ArrayList<>(touchpoints),
        "SELECT DISTINCT key_type, key_value FROM touchpoint_keys WHERE ",
        "(trace_id = ? AND span_id = ?)",
        StoreReader::bindIds,
        rs -> keys.add(new CustomerKey(rs.getString(1), rs.getString(2))));
    return keys;
  }

  /** The touchpoints with these ids, with their keys, in canonical order. */
  public List<Touchpoint> touchpoints(Collection<String> ids) {
    Map<String, Map<String, List<String>>> keysById = new HashMap<>();
    forChunks(
        new ArrayList<>(ids),
        "SELECT trace_id, span_id, key_type, key_value FROM touchpoint_keys WHERE ",
        "(trace_id = ? AND span_id = ?)",
        StoreReader::bindIds,
        rs ->
            keysById
                .computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), id -> new LinkedHashMap<>())
                .computeIfAbsent(rs.getString(3), type -> new ArrayList<>())
                .add(rs.getString(4)));
    List<Touchpoint> touchpoints = new ArrayList<>();
    forChunks(
        new ArrayList<>(ids),
        "SELECT trace_id, span_id, event_nanos, touchpoint, channel, service, outcome, attributes"
            + " FROM touchpoints WHERE ",
        "(trace_id = ? AND span_id = ?)",
        StoreReader::bindIds,
        rs -> {
          String id = rs.getString(1) + "/" + rs.getString(2);
          touchpoints.add(
              new Touchpoint(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  keysById.getOrDefault(id, Map.of()),
                  parseAttributes(rs.getString(8))));
        });
    touchpoints.sort(
        java.util.Comparator.comparingLong(Touchpoint::eventTimeNanos)
            .thenComparing(Touchpoint::traceId)
            .thenComparing(Touchpoint::spanId));
    return touchpoints;
  }

  /** The key whose hash is {@code hash}, if any touchpoint carries it. */
  public Optional<CustomerKey> keyWithHash(String hash) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT key_type, key_value FROM touchpoint_keys WHERE key_hash = ? LIMIT 1")) {
      statement.setString(1, hash);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(new CustomerKey(rs.getString(1), rs.getString(2))) : Optional.empty();
      }
    }
  }

  /** Every (touchpoint id, key) link, for whole-graph figures such as the number of profiles. */
  public void forEachLink(BiConsumer<String, CustomerKey> consumer) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT trace_id, span_id, key_type, key_value FROM touchpoint_keys")) {
      while (rs.next()) {
        consumer.accept(rs.getString(1) + "/" + rs.getString(2), new CustomerKey(rs.getString(3), rs.getString(4)));
      }
    }
  }

  public long touchpointCount() throws SQLException {
    return single("SELECT count(*) FROM touchpoints");
  }

  /** Touchpoints without any usable key. */
  public long unattributedCount() throws SQLException {
    return single(
        "SELECT count(*) FROM touchpoints t WHERE NOT EXISTS"
            + " (SELECT 1 FROM touchpoint_keys k WHERE k.trace_id = t.trace_id AND k.span_id = t.span_id)");
  }

  public long counter(String name) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
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
    connection.close();
  }

  private interface Binder<T> {
    void bind(PreparedStatement statement, List<T> chunk) throws SQLException;
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private <T> void forChunks(
      List<T> items, String select, String condition, Binder<T> binder, RowReader reader) {
    for (int from = 0; from < items.size(); from += CHUNK) {
      List<T> chunk = items.subList(from, Math.min(items.size(), from + CHUNK));
      String sql = select + String.join(" OR ", java.util.Collections.nCopies(chunk.size(), condition));
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        binder.bind(statement, chunk);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            reader.read(rs);
          }
        }
      } catch (SQLException e) {
        throw new StoreException("query failed: " + e.getMessage(), e);
      }
    }
  }

  private static void bindKeys(PreparedStatement statement, List<CustomerKey> keys) throws SQLException {
    int i = 1;
    for (CustomerKey key : keys) {
      statement.setString(i++, key.type());
      statement.setString(i++, key.value());
    }
  }

  private static void bindIds(PreparedStatement statement, List<String> ids) throws SQLException {
    int i = 1;
    for (String id : ids) {
      int slash = id.indexOf('/');
      statement.setString(i++, id.substring(0, slash));
      statement.setString(i++, id.substring(slash + 1));
    }
  }

  private static Map<String, Object> parseAttributes(String json) {
    try {
      return JSON.readValue(json, ATTRIBUTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
