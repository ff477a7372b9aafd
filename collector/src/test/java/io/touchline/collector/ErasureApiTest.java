package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.testing.CollectorHttp;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCollectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure by key through a real collector: the dry run lists exactly what goes, the erasure removes
 * it from the API, the database and its files, a replay of the same spans is dropped and counted,
 * and the audit trail says what happened without a key value.
 */
class ErasureApiTest {

  private static final String ANN = "ann@example.com";

  @TempDir Path data;
  private Collector collector;

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  private JsonNode get(String path, int status) throws Exception {
    return CollectorHttp.get(collector, path, status);
  }

  private JsonNode delete(String path, int status) throws Exception {
    return CollectorHttp.delete(collector, path, status);
  }

  private static Span at(OtlpSpans spans, String name, long offsetMillis, String... keys) {
    Span.Builder span =
        spans.span(name).setStartTimeUnixNano(OtlpSpans.START_NANOS + offsetMillis * 1_000_000L);
    java.util.Map<String, java.util.List<String>> byType = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keys.length; i += 2) {
      byType.computeIfAbsent(keys[i], t -> new java.util.ArrayList<>()).add(keys[i + 1]);
    }
    byType.forEach(
        (type, values) ->
            span.addAttributes(
                values.size() == 1
                    ? OtlpSpans.attribute("touchline.key." + type, values.get(0))
                    : OtlpSpans.attribute("touchline.key." + type, values.toArray(String[]::new))));
    return span.build();
  }

  @Test
  void anErasureRemovesACustomerEverywhereAndAReplayOfTheirSpansIsDropped() throws Exception {
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    Span[] all = {
      at(spans, "login", 10, "customer_id", "C-1", "email", ANN, "session", "s-1"),
      at(spans, "cart.add", 20, "session", "s-1"),
      // Ann and Bob share the household phone: it is theirs both, so it stays.
      at(spans, "caller.identified", 30, "customer_id", "C-1", "phone", "+441632960001"),
      at(spans, "caller.identified", 40, "customer_id", "C-2", "phone", "+441632960001"),
      // Two customer numbers on one of Ann's spans: C-9 is refused, and the span goes with Ann.
      at(spans, "ticket.opened", 50, "customer_id", "C-1", "customer_id", "C-9"),
      at(spans, "product.view", 60, "session", "s-2"),
    };
    CollectorHttp.export(collector, "shop", all);
    String ann = get("/api/profiles?key=email:" + ANN, 200).get("id").asText();
    assertThat(get("/api/profiles?key=customer_id:C-1", 200).get("conflicts")).hasSize(1);

    JsonNode dryRun = delete("/api/profiles?key=email:" + ANN + "&dryRun=true", 200);
    assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
    assertThat(dryRun.has("erasedAt")).isFalse();
    assertThat(dryRun.get("profiles")).extracting(JsonNode::asText).containsExactly(ann);
    assertThat(dryRun.get("keys"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("customer_id:C-1", "email:" + ANN, "session:s-1");
    assertThat(dryRun.get("sharedKeysKept"))
        .extracting(JsonNode::asText)
        .containsExactly("phone:441632960001");
    assertThat(dryRun.get("touchpoints").asLong()).isEqualTo(4);
    assertThat(dryRun.get("spans"))
        .extracting(s -> s.get("touchpoint").asText())
        .containsExactly("login", "cart.add", "caller.identified", "ticket.opened");
    assertThat(get("/api/stats", 200).get("touchpoints").asLong())
        .as("a dry run removes nothing")
        .isEqualTo(6);

    JsonNode erased = delete("/api/profiles?key=email:" + ANN, 200);
    assertThat(erased.get("dryRun").asBoolean()).isFalse();
    assertThat(erased.get("erasedAt").asText()).isNotEmpty();
    assertThat(erased.get("spans")).isEqualTo(dryRun.get("spans"));
    get("/api/profiles?key=email:" + ANN, 404);
    get("/api/profiles?key=customer_id:C-1", 404);
    get("/api/profiles?key=session:s-1", 404);
    get("/api/profiles/" + ann, 404);
    get("/api/profiles?key=customer_id:C-9", 404);
    // The phone is Bob's alone now.
    JsonNode bob = get("/api/profiles?key=phone:441632960001", 200);
    assertThat(bob.get("touchpoints"))
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactly("caller.identified");
    assertThat(bob.get("conflicts")).isEmpty();
    JsonNode stats = get("/api/stats", 200);
    assertThat(stats.get("touchpoints").asLong()).isEqualTo(2);
    assertThat(stats.get("profiles").asLong()).isEqualTo(2);
    assertThat(stats.get("sharedKeys").asLong()).isZero();
    assertThat(stats.get("conflicts").asLong()).isZero();
    assertThat(get("/api/touchpoints", 200).toString()).doesNotContain(ANN).doesNotContain("C-1");
    // The analyst views forget Ann's touchpoints too.
    JsonNode overview = get("/api/overview", 200);
    assertThat(overview.get("touchpoints").asLong()).isEqualTo(2);
    assertThat(overview.get("profiles").asLong()).isEqualTo(2);
    assertThat(get("/api/catalog", 200).get("touchpoints"))
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactlyInAnyOrder("caller.identified", "product.view");

    // The exporter retries, or someone replays the spans: Ann's are dropped and counted.
    CollectorHttp.export(collector, "shop", all);
    CollectorHttp.export(collector, "shop", at(spans, "login", 70, "email", ANN));
    get("/api/profiles?key=email:" + ANN, 404);
    stats = get("/api/stats", 200);
    assertThat(stats.get("touchpoints").asLong()).isEqualTo(2);
    assertThat(stats.get("erasedDropped").asLong()).isEqualTo(5);

    JsonNode audit = get("/api/erasures", 200);
    assertThat(audit.get("erasures")).hasSize(1);
    JsonNode record = audit.get("erasures").get(0);
    assertThat(record.get("requestedBy").asText()).isEqualTo("email");
    assertThat(record.get("profileId").asText()).isEqualTo(ann);
    assertThat(record.get("touchpoints").asLong()).isEqualTo(4);
    assertThat(record.get("keys").asInt()).isEqualTo(3);
    assertThat(record.get("sharedKeysKept").asInt()).isEqualTo(1);
    assertThat(record.get("tokenName").asText())
        .as("the API asks for no token: anyone may erase")
        .isEqualTo("anonymous");
    assertThat(audit.toString()).doesNotContain(ANN).doesNotContain("C-1").doesNotContain("s-1");
    assertThat(CollectorHttp.getRaw(collector, "/api/erasures?format=csv").body())
        .isEqualTo(
            "erasedAt,requestedBy,profileId,touchpoints,keys,sharedKeysKept,tokenName\n"
                + record.get("erasedAt").asText()
                + ",email,"
                + ann
                + ",4,3,1,anonymous\n");

    // After a restart the tombstones still hold, and nothing of Ann is left in the files.
    collector.close();
    collector = TestCollectors.start(data);
    CollectorHttp.export(collector, "shop", at(spans, "cart.add", 80, "session", "s-1"));
    get("/api/profiles?key=session:s-1", 404);
    assertThat(get("/api/stats", 200).get("erasedDropped").asLong()).isEqualTo(6);
    collector.close();
    collector = null;
    for (String trace : new String[] {ANN, "C-1", "C-9", "s-1"}) {
      assertThat(filesContaining(trace)).as("files holding %s", trace).isEmpty();
    }
    assertThat(filesContaining("C-2")).as("Bob is still stored").isNotEmpty();
  }

  @Test
  void aSharedKeyOrAnUnknownOneErasesNothing() throws Exception {
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    CollectorHttp.export(
        collector,
        "shop",
        at(spans, "login", 10, "session", "kiosk", "customer_id", "C-1"),
        at(spans, "login", 20, "session", "kiosk", "customer_id", "C-2"));
    JsonNode shared = delete("/api/profiles?key=session:kiosk", 409);
    assertThat(shared.get("profiles")).hasSize(2);
    assertThat(delete("/api/profiles?key=email:nobody@example.com", 404).get("error").asText())
        .contains("email:nobody@example.com");
    assertThat(delete("/api/profiles?key=customer_id:C-1&dryRun=yes", 400).get("error").asText())
        .contains("dryRun");
    assertThat(delete("/api/profiles?dryRun=true", 400).get("error").asText()).contains("key");
    assertThat(get("/api/stats", 200).get("touchpoints").asLong()).isEqualTo(2);
    assertThat(get("/api/erasures", 200).get("erasures")).isEmpty();
  }

  /** The files under the storage directory whose bytes contain {@code text}. */
  private Stream<Path> filesContaining(String text) throws Exception {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    return Files.walk(data)
        .filter(Files::isRegularFile)
        .filter(
            file -> {
              try {
                return indexOf(Files.readAllBytes(file), needle) >= 0;
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .toList()
        .stream();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
