package io.touchline.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CapturePlanTest {

  private static PathExpression path(String text) {
    try {
      return PathExpression.parse(text);
    } catch (PathSyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static CapturePlan plan(Map<String, List<PathExpression>> keys) {
    Map<String, PathExpression> attributes = new LinkedHashMap<>();
    attributes.put("order.total", path("return"));
    attributes.put("login.ok", path("args[2]"));
    attributes.put("item.count", path("args[3]"));
    return new CapturePlan(keys, attributes);
  }

  @Test
  void normalisesKeysPerType() {
    Map<String, List<PathExpression>> keys = new LinkedHashMap<>();
    keys.put("email", Collections.singletonList(path("args[0]")));
    keys.put("phone", Collections.singletonList(path("args[1]")));
    CapturedValues values =
        plan(keys)
            .capture(
                new Invocation(
                    null, new Object[] {"  Alice@Example.COM ", "+49 (30) 1234-5"}, null, null));
    assertThat(values.keys().get("email")).containsExactly("alice@example.com");
    assertThat(values.keys().get("phone")).containsExactly("493012345");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "   ", "null", "NULL", "undefined", "0", "-1", "anonymous", "0000-0000"})
  void placeholdersAreNeverKeysButCounted(String placeholder) {
    Map<String, List<PathExpression>> keys = new LinkedHashMap<>();
    keys.put("customer_id", Collections.singletonList(path("args[0]")));
    CapturedValues values =
        plan(keys).capture(new Invocation(null, new Object[] {placeholder}, null, null));
    assertThat(values.keys()).isEmpty();
    assertThat(values.placeholdersDropped()).isEqualTo(1);
  }

  @Test
  void severalPathsAndCollectionsGiveSeveralValuesOfOneType() {
    Map<String, List<PathExpression>> keys = new LinkedHashMap<>();
    keys.put("email", Arrays.asList(path("args[0]"), path("args[1]")));
    CapturedValues values =
        plan(keys)
            .capture(
                new Invocation(
                    null,
                    new Object[] {
                      "old@example.com", Arrays.asList("new@example.com", "OLD@example.com")
                    },
                    null,
                    null));
    assertThat(values.keys().get("email")).containsExactly("old@example.com", "new@example.com");
  }

  @Test
  void attributesKeepTheirType() {
    CapturedValues values =
        plan(Collections.emptyMap())
            .capture(
                new Invocation(
                    null, new Object[] {null, null, true, 3}, new BigDecimal("42.50"), null));
    assertThat(values.attributes())
        .containsEntry("order.total", 42.5)
        .containsEntry("login.ok", true)
        .containsEntry("item.count", 3L);
  }

  @Test
  void absentValuesAreLeftOut() {
    Map<String, List<PathExpression>> keys = new LinkedHashMap<>();
    keys.put("session", Collections.singletonList(path("args[0].id")));
    CapturedValues values = plan(keys).capture(new Invocation(null, new Object[0], null, null));
    assertThat(values.keys()).isEmpty();
    assertThat(values.attributes()).isEmpty();
  }

  @Test
  void longTextIsCapped() {
    StringBuilder longText = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      longText.append('x');
    }
    assertThat((String) AttributeValues.coerce(longText))
        .hasSize(AttributeValues.MAX_STRING_LENGTH);
  }
}
