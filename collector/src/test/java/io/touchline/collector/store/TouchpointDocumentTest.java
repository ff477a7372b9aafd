package io.touchline.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.model.Touchpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stored document is read whatever it holds: no limit of Jackson's (nor of the door's, which may
 * have been lower or absent when the row was stored) may make a row unreadable.
 */
class TouchpointDocumentTest {

  private static String document(String attributes) {
    return "{\"traceId\":\"0000000000000000000000000000000a\",\"spanId\":\"000000000000000a\","
        + "\"eventNanos\":1764000000000000000,\"touchpoint\":\"login\",\"channel\":\"web\","
        + "\"service\":\"web-shop\",\"outcome\":\"success\",\"attributes\":"
        + attributes
        + ",\"keys\":[[\"email\",\"poison@example.com\"]]}";
  }

  @Test
  void readsANameLongerThanJacksonsDefaultLimit() {
    String name = "k".repeat(50_001); // Jackson's default: 50,000
    Touchpoint read = TouchpointDocument.read(document("{\"" + name + "\":\"v\"}"));
    assertThat(read.attributes()).containsEntry(name, "v");
    assertThat(read.keys()).isEqualTo(Map.of("email", List.of("poison@example.com")));
  }

  @Test
  void readsWhatItWroteWithALongName() {
    String name = "k".repeat(50_001);
    Touchpoint touchpoint =
        new Touchpoint(
            "0000000000000000000000000000000a",
            "000000000000000a",
            1_764_000_000_000_000_000L,
            "login",
            "web",
            "web-shop",
            "success",
            Map.of("email", List.of("poison@example.com")),
            Map.of(name, "v"));
    assertThat(TouchpointDocument.read(TouchpointDocument.write(touchpoint))).isEqualTo(touchpoint);
  }

  @Test
  void readsAStringLongerThanJacksonsDefaultLimit() {
    String value = "v".repeat(20_000_001); // Jackson's default: 20,000,000
    Touchpoint read = TouchpointDocument.read(document("{\"note\":\"" + value + "\"}"));
    assertThat((String) read.attributes().get("note")).hasSize(20_000_001);
  }

  @Test
  void readsNestingAndNumbersBeyondJacksonsDefaultLimits() {
    // OTLP integers are 64-bit, so a long number is a double's: Jackson's default is 1,000 digits.
    String digits = "0." + "9".repeat(1_001);
    String deep = "[".repeat(1_001) + "]".repeat(1_001); // Jackson's default: 1,000
    Touchpoint read =
        TouchpointDocument.read(document("{\"big\":" + digits + ",\"deep\":" + deep + "}"));
    assertThat(read.attributes().get("big")).isEqualTo(1.0);
    assertThat(read.attributes()).containsKey("deep");
  }

  @Test
  void attributeTextReadsAsLongAValue() {
    String name = "k".repeat(50_001);
    assertThat(AttributeText.of("{\"" + name + "\":1}")).contains(name);
    assertThat(AttributeText.of("\"" + "v".repeat(20_000_001) + "\"")).hasSize(20_000_001);
  }
}
