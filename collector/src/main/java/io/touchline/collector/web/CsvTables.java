package io.touchline.collector.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.touchline.collector.erase.ProfileEraser;
import io.touchline.collector.query.Tabular;
import io.touchline.collector.query.TouchpointListView;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's lists as CSV ({@code ?format=csv}), one row per item and a header row, for a
 * spreadsheet or a notebook. Nested values (a touchpoint's keys and attributes) are one column
 * each, holding their JSON, so nothing is lost or guessed.
 */
final class CsvTables {

  /**
   * Quotes a value only when CSV needs it (a comma, a quote, a line break), not by a rough guess.
   */
  private static final CsvMapper CSV =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  private static final ObjectMapper JSON = new ObjectMapper();

  private CsvTables() {}

  /**
   * A view's table as CSV: {@code table} names it, null for the first.
   *
   * @throws ApiException 400 when the view has no such table
   */
  static byte[] of(Tabular view, String table) throws JsonProcessingException {
    Map<String, Tabular.Table> tables = view.tables();
    String name = table == null ? tables.keySet().iterator().next() : table;
    Tabular.Table chosen = tables.get(name);
    if (chosen == null) {
      throw new ApiException(
          400,
          "table must be one of " + String.join(", ", tables.keySet()) + ", not '" + table + "'");
    }
    RecordComponent[] components = chosen.type().getRecordComponents();
    List<Object[]> rows = new ArrayList<>();
    for (Record row : chosen.rows()) {
      Object[] cells = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        cells[i] = cell(read(components[i], row));
      }
      rows.add(cells);
    }
    return write(
        rows, Arrays.stream(components).map(RecordComponent::getName).toArray(String[]::new));
  }

  private static Object read(RecordComponent component, Record row) {
    try {
      return component.getAccessor().invoke(row);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot read " + component.getName() + " of " + row.getClass().getSimpleName(), e);
    }
  }

  /**
   * A cell: text and numbers as they are, nothing as an empty cell, anything nested as its JSON.
   */
  private static Object cell(Object value) throws JsonProcessingException {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    return JSON.writeValueAsString(value);
  }

  /** The answer as CSV, when it is a list offered as CSV; empty otherwise. */
  static Optional<byte[]> of(Object answer) throws JsonProcessingException {
    if (answer instanceof TouchpointListView list) {
      List<Object[]> rows = new ArrayList<>();
      for (TouchpointListView.Item item : list.touchpoints()) {
        rows.add(
            new Object[] {
              item.time(),
              item.touchpoint(),
              item.channel(),
              item.service(),
              item.outcome(),
              item.profileId(),
              item.ambiguous(),
              item.traceId(),
              item.spanId(),
              JSON.writeValueAsString(item.keys()),
              JSON.writeValueAsString(item.attributes())
            });
      }
      return Optional.of(
          write(
              rows,
              "time",
              "touchpoint",
              "channel",
              "service",
              "outcome",
              "profileId",
              "ambiguous",
              "traceId",
              "spanId",
              "keys",
              "attributes"));
    }
    if (answer instanceof ErasuresView erasures) {
      List<Object[]> rows = new ArrayList<>();
      for (ProfileEraser.AuditView record : erasures.erasures()) {
        rows.add(
            new Object[] {
              record.erasedAt(),
              record.requestedBy(),
              record.profileId(),
              record.touchpoints(),
              record.keys(),
              record.sharedKeysKept(),
              record.tokenName()
            });
      }
      return Optional.of(
          write(
              rows,
              "erasedAt",
              "requestedBy",
              "profileId",
              "touchpoints",
              "keys",
              "sharedKeysKept",
              "tokenName"));
    }
    return Optional.empty();
  }

  /** Every CSV the API writes goes through here, so that no text cell escapes {@link #text}. */
  private static byte[] write(List<Object[]> rows, String... columns)
      throws JsonProcessingException {
    CsvSchema.Builder schema = CsvSchema.builder();
    for (String column : columns) {
      schema.addColumn(column);
    }
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (row[i] instanceof String text) {
          row[i] = text(text);
        }
      }
    }
    return CSV.writer(schema.build().withHeader()).writeValueAsBytes(rows);
  }

  /**
   * A text cell as a spreadsheet will take it for text. Touchpoint names, channels and attribute
   * values come from the channel applications, so anyone who can send a span can choose them; a
   * cell starting with {@code = + - @}, a tab or a carriage return would be run as a formula by a
   * spreadsheet opening the export (CSV injection). Such a cell gets a single quote in front, as
   * OWASP advises, which the spreadsheet shows as text. Numbers the exporter writes as numbers are
   * not text and stay as they are: a negative count is still a number.
   */
  private static String text(String cell) {
    if (cell.isEmpty()) {
      return cell;
    }
    return switch (cell.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
      default -> cell;
    };
  }

  /** {@code GET /api/erasures}: the audit trail. */
  record ErasuresView(List<ProfileEraser.AuditView> erasures) {}
}
