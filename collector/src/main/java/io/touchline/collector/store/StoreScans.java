package io.touchline.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Reads every stored touchpoint once, in sequence order and a range of sequence numbers at a time:
 * what rebuilds the profile index, the duplicate check, the views' columns and an attribute's
 * column. Obtained from {@link StoreReader#scans()}, on the reader's connection.
 */
public final class StoreScans {

  private final Connection connection;
  private final LongSupplier maxSequence;

  StoreScans(Connection connection, LongSupplier maxSequence) {
    this.connection = connection;
    this.maxSequence = maxSequence;
  }

  /** What the profile index and the duplicate check need of one touchpoint. */
  public interface TouchpointConsumer {
    void accept(
        long sequence,
        String traceId,
        String spanId,
        long eventNanos,
        long[] keyFingerprints,
        List<String> keyTypes);
  }

  /** Sequence numbers read per query by the scans over every stored touchpoint. */
  private static final long SCAN_RANGE = 1_000_000;

  /** Reads one row of a range query; false to stop. */
  private interface RangeRow {
    boolean read(ResultSet rs) throws SQLException;
  }

  /**
   * Runs a query whose last two parameters bound a range of sequence numbers ({@code seq > ? AND
   * seq <= ?}) once per {@link #SCAN_RANGE} up to {@code last}, so that DuckDB holds one range's
   * rows at a time (one query over 10M rows took the process from 1.2 GB of JVM memory to 3 GB
   * resident); false when the reader stopped it.
   */
  private static boolean inRanges(
      PreparedStatement statement, int fromParameter, long last, RangeRow reader)
      throws SQLException {
    for (long from = 0; from < last; from += SCAN_RANGE) {
      statement.setLong(fromParameter, from);
      statement.setLong(fromParameter + 1, from + SCAN_RANGE);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          if (!reader.read(rs)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * Every stored touchpoint's ids and key fingerprints up to sequence {@code last}, in sequence
   * order.
   */
  public void forEachTouchpoint(long last, TouchpointConsumer consumer) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT seq, trace_id, span_id, event_nanos, key_fingerprints, key_types FROM touchpoints"
                + " WHERE seq > ? AND seq <= ? ORDER BY seq")) {
      inRanges(
          statement,
          1,
          last,
          rs -> {
            Object[] values = (Object[]) rs.getArray(5).getArray();
            long[] fingerprints = new long[values.length];
            for (int i = 0; i < values.length; i++) {
              fingerprints[i] = (Long) values[i];
            }
            String types = rs.getString(6);
            consumer.accept(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                fingerprints,
                types.isEmpty() ? List.of() : List.of(types.split(",")));
            return true;
          });
    }
  }

  /** Receives a stored touchpoint as the analyst views' columns hold it. */
  public interface ColumnRowConsumer {
    /**
     * @return false to stop reading
     */
    boolean accept(
        long sequence,
        long eventNanos,
        String touchpoint,
        String channel,
        String service,
        String outcome,
        boolean keyed);
  }

  /**
   * Every stored touchpoint's time, name, channel, service and outcome up to sequence {@code last};
   * false when the consumer stopped it.
   */
  public boolean forEachColumnRow(long last, ColumnRowConsumer consumer) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT seq, event_nanos, touchpoint, channel, service, outcome, len(key_fingerprints) > 0 FROM touchpoints"
                + " WHERE seq > ? AND seq <= ? ORDER BY seq")) {
      return inRanges(
          statement,
          1,
          last,
          rs ->
              consumer.accept(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getBoolean(7)));
    }
  }

  /** Receives one attribute's value of a stored touchpoint. */
  public interface AttributeValueConsumer {
    void accept(long sequence, String value);
  }

  /**
   * One attribute's value on every stored touchpoint that has it, as text (a list as its items
   * joined by commas, as {@code AttributeColumns.text} writes it).
   */
  public void forEachAttributeValue(String attribute, AttributeValueConsumer consumer)
      throws SQLException {
    String path = "$.attributes.\"" + attribute.replace("\"", "") + "\"";
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT seq, json_extract(doc, ?) AS v FROM touchpoints WHERE seq > ? AND seq <= ? AND v IS NOT NULL ORDER BY seq")) {
      statement.setString(1, path);
      inRanges(
          statement,
          2,
          maxSequence.getAsLong(),
          rs -> {
            String json = rs.getString(2);
            if (json != null && !json.equals("null")) {
              consumer.accept(rs.getLong(1), AttributeText.of(json));
            }
            return true;
          });
    }
  }
}
