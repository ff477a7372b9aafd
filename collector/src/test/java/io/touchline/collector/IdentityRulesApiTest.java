package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.testing.CollectorHttp;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCollectors;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity rules as the API shows them: shared keys and their 409, conflicts, the new figures.
 */
class IdentityRulesApiTest {

  @TempDir Path data;
  private Collector collector;

  @AfterEach
  void stop() {
    collector.close();
  }

  private JsonNode get(String path, int status) throws Exception {
    return CollectorHttp.get(collector, path, status);
  }

  private void export(Span... spans) throws Exception {
    CollectorHttp.export(collector, "web-shop", spans);
  }

  private static Span at(OtlpSpans spans, String name, long offsetMillis, String... keys) {
    Span.Builder span =
        spans.span(name).setStartTimeUnixNano(OtlpSpans.START_NANOS + offsetMillis * 1_000_000L);
    for (int i = 0; i < keys.length; i += 2) {
      span.addAttributes(OtlpSpans.attribute("touchline.key." + keys[i], keys[i + 1]));
    }
    return span.build();
  }

  @Test
  void aKioskSessionUsedByTwoCustomersIsSharedAndItsLookupAnswers409() throws Exception {
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    // Bob's login arrives first though it happened last: the answer must not care.
    export(
        at(
            spans,
            "login",
            40,
            "session",
            "kiosk",
            "customer_id",
            "C-2",
            "email",
            "bob@example.com"));
    export(
        at(spans, "product.view", 10, "session", "kiosk"),
        at(
            spans,
            "login",
            20,
            "session",
            "kiosk",
            "customer_id",
            "C-1",
            "email",
            "ann@example.com"),
        at(spans, "cart.add", 30, "session", "kiosk"));

    JsonNode shared = get("/api/profiles?key=session:kiosk", 409);
    assertThat(shared.get("shared").asBoolean()).isTrue();
    String ann = get("/api/profiles?key=customer_id:C-1", 200).get("id").asText();
    String bob = get("/api/profiles?key=customer_id:C-2", 200).get("id").asText();
    assertThat(shared.get("profiles"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(ann, bob);
    assertThat(shared.get("touchpoints"))
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactly("product.view", "cart.add");

    JsonNode annProfile = get("/api/profiles?key=email:ann@example.com", 200);
    assertThat(annProfile.get("touchpoints"))
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactly("login");
    assertThat(annProfile.get("keys"))
        .anySatisfy(
            k -> {
              assertThat(k.get("type").asText()).isEqualTo("session");
              assertThat(k.get("shared").asBoolean()).isTrue();
            });
    assertThat(annProfile.get("keys"))
        .filteredOn(k -> k.get("type").asText().equals("customer_id"))
        .allSatisfy(k -> assertThat(k.get("shared").asBoolean()).isFalse());

    JsonNode stats = get("/api/stats", 200);
    assertThat(stats.get("touchpoints").asLong()).isEqualTo(4);
    assertThat(stats.get("profiles").asLong()).isEqualTo(2);
    assertThat(stats.get("ambiguous").asLong()).isEqualTo(2);
    assertThat(stats.get("sharedKeys").asLong()).isEqualTo(1);

    JsonNode listed = get("/api/touchpoints", 200);
    assertThat(listed.get("touchpoints"))
        .filteredOn(t -> t.get("ambiguous").asBoolean())
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactlyInAnyOrder("product.view", "cart.add");
  }

  @Test
  void twoCustomerNumbersOnOneSpanAreRefusedAndTheRefusalIsShownWithItsEvidence() throws Exception {
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    Span both =
        spans
            .span("merge.attempt", OtlpSpans.attribute("touchline.key.customer_id", "C-1", "C-2"))
            .setStartTimeUnixNano(OtlpSpans.START_NANOS + 20_000_000L)
            .build();
    export(at(spans, "login", 10, "customer_id", "C-1", "email", "ann@example.com"), both);

    JsonNode profile = get("/api/profiles?key=email:ann@example.com", 200);
    assertThat(profile.get("keys"))
        .extracting(k -> k.get("type").asText() + ":" + k.get("value").asText())
        .containsExactly("customer_id:C-1", "email:ann@example.com");
    assertThat(profile.get("conflicts")).hasSize(1);
    JsonNode conflict = profile.get("conflicts").get(0);
    assertThat(conflict.get("refusedKey").asText()).isEqualTo("customer_id:C-2");
    assertThat(conflict.get("rule").asText()).isEqualTo("unique customer_id");
    assertThat(conflict.get("spanId").asText())
        .isEqualTo(java.util.HexFormat.of().formatHex(both.getSpanId().toByteArray()));
    assertThat(get("/api/stats", 200).get("conflicts").asLong()).isEqualTo(1);
    get("/api/profiles?key=customer_id:C-2", 404); // all of its links were refused: no profile
  }

  @Test
  void theGraphShowsWhyKeysAreOneCustomerAndWhyOthersAreNot() throws Exception {
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    Span both =
        spans
            .span("merge.attempt", OtlpSpans.attribute("touchline.key.customer_id", "C-1", "C-9"))
            .setStartTimeUnixNano(OtlpSpans.START_NANOS + 50_000_000L)
            .build();
    export(
        at(spans, "product.view", 10, "session", "s-1"),
        at(spans, "login", 20, "session", "s-1", "customer_id", "C-1", "email", "ann@example.com"),
        at(spans, "login", 30, "session", "kiosk", "customer_id", "C-1"),
        at(spans, "login", 40, "session", "kiosk", "customer_id", "C-2"),
        both);
    String ann = get("/api/profiles?key=customer_id:C-1", 200).get("id").asText();
    String bob = get("/api/profiles?key=customer_id:C-2", 200).get("id").asText();

    JsonNode graph = get("/api/profiles/" + ann + "/graph", 200);
    assertThat(graph.get("id").asText()).isEqualTo(ann);
    assertThat(graph.get("keys"))
        .extracting(k -> k.get("key").asText() + (k.get("shared").asBoolean() ? " shared" : ""))
        .containsExactlyInAnyOrder(
            "customer_id:C-1", "email:ann@example.com", "session:s-1", "session:kiosk shared");
    assertThat(graph.get("keys"))
        .filteredOn(k -> k.get("shared").asBoolean())
        .allSatisfy(
            k -> assertThat(k.get("sharedWith")).extracting(JsonNode::asText).containsExactly(bob));
    assertThat(graph.get("links"))
        .extracting(
            l ->
                l.get("from").asText()
                    + " ~ "
                    + l.get("to").asText()
                    + " x"
                    + l.get("touchpoints").asInt())
        .containsExactlyInAnyOrder(
            "customer_id:C-1 ~ email:ann@example.com x1",
            "customer_id:C-1 ~ session:s-1 x1",
            "email:ann@example.com ~ session:s-1 x1");
    assertThat(graph.get("links").get(0).get("evidence").get(0).get("touchpoint").asText())
        .isEqualTo("login");
    assertThat(graph.get("refused"))
        .extracting(r -> r.get("refusedKey").asText() + " " + r.get("rule").asText())
        .containsExactly("customer_id:C-9 unique customer_id");
    get("/api/profiles/p_00000000000000000000000000000000/graph", 404);
    // The graph exports too: a row per link, per key, per refused link.
    assertThat(
            CollectorHttp.getRaw(collector, "/api/profiles/" + ann + "/graph?format=csv")
                .body()
                .lines())
        .hasSize(4)
        .first()
        .isEqualTo("from,to,touchpoints,evidence");
    assertThat(
            CollectorHttp.getRaw(
                    collector, "/api/profiles/" + ann + "/graph?format=csv&table=refused")
                .body())
        .contains("customer_id:C-9,unique customer_id");
  }

  @Test
  void aRawValueFindsTheProfileOfItsHashedFormWhenTheCollectorHasTheAgentsSecret()
      throws Exception {
    String secret = "the-agents-hash-secret";
    collector =
        TestCollectors.startWith(
            data,
            new io.touchline.collector.config.CollectorConfig(
                null, null, null, null, null, null, null, null, secret, null, null, null, null));
    String hashed =
        io.touchline.keys.KeyHashing.hash(
            secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "ann@example.com");
    assertThat(hashed).startsWith("hmac-sha256:").hasSize("hmac-sha256:".length() + 64);
    OtlpSpans spans = new OtlpSpans();
    export(at(spans, "login", 10, "email", hashed, "customer_id", "C-1"));

    JsonNode profile = get("/api/profiles?key=email:%20Ann@Example.com", 200);
    assertThat(profile.get("keys"))
        .extracting(k -> k.get("value").asText())
        .contains(hashed)
        .doesNotContain("ann@example.com");
    assertThat(get("/api/profiles?key=email:" + hashed, 200).get("id").asText())
        .isEqualTo(profile.get("id").asText());
    get("/api/profiles?key=email:bob@example.com", 404);
  }

  @Test
  void aLateTouchpointRedecidesEarlierMergesAndARestartGivesTheSameAnswer() throws Exception {
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    Span annLogin = at(spans, "login", 20, "session", "s-1", "customer_id", "C-1");
    Span view = at(spans, "product.view", 30, "session", "s-1");
    export(annLogin, view);
    assertThat(get("/api/profiles?key=session:s-1", 200).get("touchpoints")).hasSize(2);

    // Bob's login on the same browser happened before Ann's, but arrives last: the session is
    // shared after all, and the view Ann's profile had is now ambiguous.
    export(at(spans, "login", 10, "session", "s-1", "customer_id", "C-2"));
    export(annLogin, view); // a retry of the first request changes nothing
    JsonNode shared = get("/api/profiles?key=session:s-1", 409);
    assertThat(shared.get("touchpoints"))
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactly("product.view");
    JsonNode stats = get("/api/stats", 200);
    assertThat(stats.get("touchpoints").asLong()).isEqualTo(3);
    String before =
        withoutWork(stats)
            + get("/api/profiles?key=customer_id:C-1", 200)
            + get("/api/profiles?key=customer_id:C-2", 200);

    collector.close();
    collector = TestCollectors.start(data); // the index rebuilt from the store
    String after =
        withoutWork(get("/api/stats", 200))
            + get("/api/profiles?key=customer_id:C-1", 200)
            + get("/api/profiles?key=customer_id:C-2", 200);
    assertThat(after).isEqualTo(before);
    get("/api/profiles?key=session:s-1", 409);
  }

  /**
   * The stats without {@code identityWork}: how much deciding it took depends on the order the
   * touchpoints came in (a restart replays them in another), the answer does not.
   */
  private static String withoutWork(JsonNode stats) {
    com.fasterxml.jackson.databind.node.ObjectNode copy =
        ((com.fasterxml.jackson.databind.node.ObjectNode) stats).deepCopy();
    copy.remove("identityWork");
    return copy.toString();
  }
}
