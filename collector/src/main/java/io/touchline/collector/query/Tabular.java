package io.touchline.collector.query;

import java.util.List;
import java.util.Map;

/**
 * A view answer that exports as CSV: its tables by name, the first being the default. Each table's
 * rows are records of one type, whose components are the columns.
 */
public interface Tabular {

  record Table(Class<? extends Record> type, List<? extends Record> rows) {}

  Map<String, Table> tables();
}
