package io.touchline.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.touchline.collector.query.Tabular;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV cells a spreadsheet could take for a formula are written as text. */
class CsvTablesTest {

  record Row(String name, long count, double share, Long missing) {}

  record View(List<Row> rows) implements Tabular {
    @Override
    public Map<String, Table> tables() {
      return Map.of("rows", new Table(Row.class, rows));
    }
  }

  private static List<List<String>> read(byte[] csv) throws Exception {
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<List<String>> rows =
        mapper
            .readerForListOf(String.class)
            .with(CsvSchema.emptySchema())
            .with(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
            .readValues(csv)) {
      return rows.readAll();
    }
  }

  @Test
  void textStartingLikeAFormulaIsPrefixedWithAQuote() throws Exception {
    List<Row> rows =
        List.of(
            new Row("=cmd|' /C calc'!A0", 1, 0.5, null),
            new Row("+1+1", 2, 0.5, null),
            new Row("-2+3", 3, 0.5, null),
            new Row("@SUM(A1:A2)", 4, 0.5, null),
            new Row("\tTAB", 5, 0.5, null),
            new Row("\rCR", 6, 0.5, null),
            new Row("login", 7, 0.5, null),
            new Row("a=b", 8, 0.5, null));
    List<List<String>> csv = read(CsvTables.of(new View(rows), null));
    assertThat(csv.get(0)).containsExactly("name", "count", "share", "missing");
    assertThat(csv.subList(1, csv.size()).stream().map(row -> row.get(0)))
        .containsExactly(
            "'=cmd|' /C calc'!A0",
            "'+1+1",
            "'-2+3",
            "'@SUM(A1:A2)",
            "'\tTAB",
            "'\rCR",
            "login",
            "a=b");
  }

  @Test
  void numbersStayNumbersEvenNegative() throws Exception {
    byte[] csv = CsvTables.of(new View(List.of(new Row("-", -42, -0.25, null))), null);
    assertThat(new String(csv, StandardCharsets.UTF_8))
        .isEqualTo("name,count,share,missing\n'-,-42,-0.25,\n");
  }

  @Test
  void theListsAreEscapedToo() throws Exception {
    byte[] csv =
        CsvTables.of(
                new CsvTables.ErasuresView(
                    List.of(
                        new io.touchline.collector.erase.ProfileEraser.AuditView(
                            "2026-11-24T09:12:03.114000000Z", "=email", "@p_1", -1, 3, 1, "-dpo"))))
            .orElseThrow();
    assertThat(new String(csv, StandardCharsets.UTF_8))
        .endsWith("\n2026-11-24T09:12:03.114000000Z,'=email,'@p_1,-1,3,1,'-dpo\n");
  }
}
