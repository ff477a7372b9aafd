package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.testing.CollectorHttp;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCollectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/touchpoints}: every stored touchpoint once, in store order, with its current
 * profile.
 */
class TouchpointListTest {

  @TempDir Path data;
  private Collector collector;

  @AfterEach
  void stop() {
    collector.close();
  }

  private JsonNode get(String path, int status) throws Exception {
    return CollectorHttp.get(collector, path, status);
  }

  private void export(String service, Span... spans) throws Exception {
    CollectorHttp.export(collector, service, spans);
  }

  private List<JsonNode> all(String filter, int limit) throws Exception {
    List<JsonNode> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          get(
              "/api/touchpoints?limit="
                  + limit
                  + filter
                  + (cursor == null ? "" : "&cursor=" + cursor),
              200);
      page.get("touchpoints").forEach(seen::add);
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    return seen;
  }

  @Test
  void listsEveryTouchpointOnceWithTheProfileItBelongsToNow() throws Exception {
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    // Ann browses anonymously, then logs in: her session joins her customer number. Bob is
    // another customer; one touchpoint carries no key at all.
    export(
        "web-shop",
        spans
            .span(
                "product.view",
                OtlpSpans.attribute("touchline.key.session", "s-ann"),
                OtlpSpans.attribute("demo.interaction", "i-1"))
            .build(),
        spans
            .span(
                "login",
                OtlpSpans.attribute("touchline.key.session", "s-ann"),
                OtlpSpans.attribute("touchline.key.customer_id", "C-1"))
            .build(),
        spans.span("login", OtlpSpans.attribute("touchline.key.customer_id", "C-2")).build(),
        spans
            .span("health.check", OtlpSpans.attribute("touchline.touchpoint", "health.check"))
            .build());
    export(
        "call-center",
        spans
            .span(
                "call.received",
                OtlpSpans.attribute("touchline.channel", "call-center"),
                OtlpSpans.attribute("touchline.key.customer_id", "C-1"))
            .build());

    List<JsonNode> listed = all("", 2);
    assertThat(listed)
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactly("product.view", "login", "login", "health.check", "call.received");
    assertThat(listed).extracting(t -> t.get("spanId").asText()).doesNotHaveDuplicates();
    String ann = get("/api/profiles?key=customer_id:C-1", 200).get("id").asText();
    String bob = get("/api/profiles?key=customer_id:C-2", 200).get("id").asText();
    assertThat(listed.get(0).get("profileId").asText())
        .isEqualTo(ann); // anonymous view, stitched by its session
    assertThat(listed.get(0).get("attributes").get("demo.interaction").asText()).isEqualTo("i-1");
    assertThat(listed.get(1).get("profileId").asText()).isEqualTo(ann);
    assertThat(listed.get(2).get("profileId").asText()).isEqualTo(bob).isNotEqualTo(ann);
    assertThat(listed.get(3).get("profileId").isNull()).as("unattributed").isTrue();
    assertThat(listed.get(4).get("profileId").asText()).isEqualTo(ann);

    assertThat(all("&channel=call-center", 1000))
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactly("call.received");
    assertThat(all("&touchpoint=login", 1)).hasSize(2);
  }

  @Test
  void aCursorLeadsOnToWhatArrivedSince() throws Exception {
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    export(
        "web-shop",
        spans.span("a", OtlpSpans.attribute("touchline.key.session", "s-1")).build(),
        spans.span("b", OtlpSpans.attribute("touchline.key.session", "s-1")).build());
    JsonNode first = get("/api/touchpoints?limit=1", 200);
    assertThat(first.get("touchpoints"))
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactly("a");

    export(
        "web-shop", spans.span("c", OtlpSpans.attribute("touchline.key.session", "s-2")).build());
    JsonNode second =
        get("/api/touchpoints?limit=1&cursor=" + first.get("nextCursor").asText(), 200);
    assertThat(second.get("touchpoints"))
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactly("b");
    JsonNode third =
        get("/api/touchpoints?limit=1&cursor=" + second.get("nextCursor").asText(), 200);
    assertThat(third.get("touchpoints"))
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactly("c");
    assertThat(third.has("nextCursor")).as("the end, for now").isFalse();
  }

  @Test
  void badParametersAreExplained() throws Exception {
    collector = TestCollectors.start(data);
    assertThat(get("/api/touchpoints?limit=5000", 400).get("error").asText())
        .contains("limit must be");
    assertThat(get("/api/touchpoints?cursor=nonsense", 400).get("error").asText())
        .isEqualTo("cursor: 'nonsense' is not a cursor from a previous answer");
  }

  @Test
  void theListComesAsCsvWithTheSameRowsAndALinkToTheNextPage() throws Exception {
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    export(
        "web-shop",
        spans
            .span(
                "login",
                OtlpSpans.attribute("touchline.key.email", "ann, \"the\" buyer@example.com"),
                OtlpSpans.attribute("touchline.key.customer_id", "C-1"))
            .build(),
        spans
            .span(
                "cart.add",
                OtlpSpans.attribute("touchline.key.customer_id", "C-1"),
                OtlpSpans.attribute("product.sku", "SKU-1"))
            .build(),
        spans.span("login", OtlpSpans.attribute("touchline.key.customer_id", "C-2")).build());

    java.net.http.HttpResponse<String> first =
        CollectorHttp.getRaw(collector, "/api/touchpoints?limit=2&format=csv");
    assertThat(first.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    String next = first.headers().firstValue("Link").orElseThrow();
    assertThat(next)
        .startsWith("</api/touchpoints?limit=2&format=csv&cursor=")
        .endsWith(">; rel=\"next\"");
    java.net.http.HttpResponse<String> second =
        CollectorHttp.getRaw(collector, next.substring(1, next.indexOf('>')));
    assertThat(second.headers().firstValue("Link")).isEmpty();

    com.fasterxml.jackson.dataformat.csv.CsvMapper csv =
        new com.fasterxml.jackson.dataformat.csv.CsvMapper();
    List<java.util.Map<String, String>> rows = new ArrayList<>();
    for (String body : List.of(first.body(), second.body())) {
      try (com.fasterxml.jackson.databind.MappingIterator<java.util.Map<String, String>> it =
          csv.readerFor(java.util.Map.class)
              .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
              .readValues(body)) {
        rows.addAll(it.readAll());
      }
    }
    List<JsonNode> json = all("", 1000);
    assertThat(rows).hasSize(3);
    for (int i = 0; i < rows.size(); i++) {
      JsonNode item = json.get(i);
      java.util.Map<String, String> row = rows.get(i);
      assertThat(row.get("time")).isEqualTo(item.get("time").asText());
      assertThat(row.get("touchpoint")).isEqualTo(item.get("touchpoint").asText());
      assertThat(row.get("profileId")).isEqualTo(item.get("profileId").asText());
      assertThat(row.get("spanId")).isEqualTo(item.get("spanId").asText());
      assertThat(CollectorHttp.JSON_READER.readTree(row.get("keys"))).isEqualTo(item.get("keys"));
      assertThat(CollectorHttp.JSON_READER.readTree(row.get("attributes")))
          .isEqualTo(item.get("attributes"));
    }
    assertThat(rows.get(0).get("keys")).contains("ann, \\\"the\\\" buyer@example.com");
    // A profile exports its touchpoints; an answer with no table refuses CSV.
    String profileCsv =
        CollectorHttp.getRaw(collector, "/api/profiles?key=customer_id:C-1&format=csv").body();
    assertThat(profileCsv.lines().findFirst().orElseThrow())
        .startsWith("time,touchpoint,channel,service,outcome,keys");
    assertThat(get("/api/stats?format=csv", 400).get("error").asText())
        .contains("format=csv is offered for the lists and the views' tables");
    assertThat(
            get("/api/profiles?key=customer_id:C-1&format=csv&table=nothing", 400)
                .get("error")
                .asText())
        .isEqualTo("table must be one of touchpoints, keys, conflicts, not 'nothing'");
    assertThat(get("/api/touchpoints?format=xml", 400).get("error").asText())
        .contains("format must be json or csv");
  }

  @Test
  void csvCellsThatASpreadsheetWouldRunAsFormulasAreText() throws Exception {
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    // Names are trimmed as they are read, so tab and carriage return are CsvTablesTest's.
    List<String> dangerous = List.of("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)");
    List<Span> sent = new ArrayList<>();
    for (String name : dangerous) {
      sent.add(
          spans
              .span(
                  "span",
                  OtlpSpans.attribute("touchline.touchpoint", name),
                  OtlpSpans.attribute("touchline.channel", "=web"),
                  OtlpSpans.attribute("touchline.key.customer_id", "C-1"))
              .build());
    }
    export("web-shop", sent.toArray(Span[]::new));

    com.fasterxml.jackson.dataformat.csv.CsvMapper csv =
        new com.fasterxml.jackson.dataformat.csv.CsvMapper();
    for (String path :
        List.of(
            "/api/touchpoints?format=csv",
            "/api/profiles?key=customer_id:C-1&format=csv",
            "/api/catalog?format=csv",
            "/api/overview?format=csv&table=topTouchpoints")) {
      List<java.util.Map<String, String>> rows;
      try (com.fasterxml.jackson.databind.MappingIterator<java.util.Map<String, String>> it =
          csv.readerFor(java.util.Map.class)
              .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
              .readValues(CollectorHttp.getRaw(collector, path).body())) {
        rows = it.readAll();
      }
      assertThat(rows).as(path).hasSize(dangerous.size());
      assertThat(rows.stream().map(row -> row.get("touchpoint")))
          .as(path)
          .containsExactlyInAnyOrderElementsOf(dangerous.stream().map(name -> "'" + name).toList());
      assertThat(rows)
          .as(path)
          .allSatisfy(row -> assertThat(row.get("channel")).isEqualTo("'=web"));
      if (path.startsWith("/api/catalog") || path.startsWith("/api/overview")) {
        assertThat(rows)
            .as("counts stay numbers")
            .allSatisfy(row -> assertThat(row.get("touchpoints")).isEqualTo("1"));
      }
    }
  }
}
