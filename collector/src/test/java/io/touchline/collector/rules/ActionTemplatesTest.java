package io.touchline.collector.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActionTemplatesTest {

  private static final ActionTemplates TEMPLATES = new ActionTemplates();

  private static final String HOSTILE =
      "C-1\", \"inMinutes\": 0, \"x\": \"\\\\ back\\slash\nnew line\ttab \u0000 \u2028 </script> é";

  @Test
  void rendersAHostileValueIntoValidJsonThatReadsBackUnchanged() throws Exception {
    ActionTemplate body =
        TEMPLATES.body("{\"customerNumber\": \"{{keys.customer_id}}\", \"inMinutes\": 15}");

    String rendered = body.render(Map.of("keys", Map.of("customer_id", HOSTILE)));

    JsonNode json = new ObjectMapper().readTree(rendered);
    assertThat(json.get("customerNumber").asText()).isEqualTo(HOSTILE);
    assertThat(json.get("inMinutes").asInt()).isEqualTo(15);
    assertThat(json.size()).isEqualTo(2);
  }

  @Test
  void findsAttributesWhoseNamesHoldDots() {
    ActionTemplate body =
        TEMPLATES.body(
            "{\"amount\": {{trigger.attributes.payment.amount}}, \"tier\":"
                + " \"{{profile.attributes.customer.tier}}\"}");

    String rendered =
        body.render(
            Map.of(
                "trigger", Map.of("attributes", Map.of("payment.amount", 120.5)),
                "profile", Map.of("attributes", Map.of("customer.tier", "gold"))));

    assertThat(rendered).isEqualTo("{\"amount\": 120.5, \"tier\": \"gold\"}");
  }

  @Test
  void leavesANameThatIsNotThereEmpty() {
    ActionTemplate body = TEMPLATES.body("{\"phone\": \"{{keys.phone}}\"}");

    assertThat(body.render(Map.of("keys", Map.of()))).isEqualTo("{\"phone\": \"\"}");
  }

  @Test
  void iteratesAListInASection() throws Exception {
    ActionTemplate body =
        TEMPLATES.body(
            "{\"emails\": [{{#profile.keys.email}}\"{{.}}\",{{/profile.keys.email}}\"\"]}");

    String rendered =
        body.render(Map.of("profile", Map.of("keys", Map.of("email", List.of("a@x", "b\"@x")))));

    assertThat(new ObjectMapper().readTree(rendered).get("emails"))
        .extracting(JsonNode::asText)
        .containsExactly("a@x", "b\"@x", "");
  }

  /** A template is a file an admin edits: it reads maps, never an object's methods. */
  @Test
  void neverCallsAMethodOfAValue() {
    Object object =
        new Object() {
          @SuppressWarnings("unused")
          public String getSecret() {
            return "leaked";
          }
        };
    ActionTemplate body =
        TEMPLATES.body("{\"x\": \"{{trigger.object.secret}}{{trigger.object.class}}\"}");

    assertThat(body.render(Map.of("trigger", Map.of("object", object)))).isEqualTo("{\"x\": \"\"}");
  }

  @Test
  void escapesEachValueOfAPathAsOneSegment() {
    ActionTemplate path = TEMPLATES.path("/campaigns/{{trigger.attributes.campaign}}/send");

    assertThat(path.render(Map.of("trigger", Map.of("attributes", Map.of("campaign", "a/b c?d")))))
        .isEqualTo("/campaigns/a%2Fb%20c%3Fd/send");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\": \"{{{keys.customer_id}}}\"}|unescaped",
        "{\"a\": \"{{&keys.customer_id}}\"}|unescaped",
        "{\"a\": \"{{> other}}\"}|partials",
        "{\"a\": \"{{keys.customer_id}\"}|not a valid template",
        "{\"a\": \"{{customer_id}}\"}|names nothing a template is given",
        "{\"a\": {{keys.customer_id}}|is not JSON once filled in",
        "{\"a\": \"{{#keys.email}}x\"}|not a valid template",
      })
  void refusesAtLoad(String caseAndMessage) {
    String[] parts = caseAndMessage.split("\\|");

    assertThatThrownBy(() -> TEMPLATES.body(parts[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(parts[1]);
  }

  @Test
  void refusesAPathThatIsNotOne() {
    assertThatThrownBy(() -> TEMPLATES.path("campaigns/x"))
        .hasMessageContaining("must start with /");
    assertThatThrownBy(() -> TEMPLATES.path("/a#b")).hasMessageContaining("fragment");
  }
}
