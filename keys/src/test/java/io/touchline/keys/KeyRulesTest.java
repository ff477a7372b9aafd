package io.touchline.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRulesTest {

  @Test
  void defaultNormalisationPerType() {
    assertThat(Normalization.normalize("email", "  Ann@Example.COM ")).isEqualTo("ann@example.com");
    assertThat(Normalization.normalize("phone", "+49 (30) 1234-5")).isEqualTo("493012345");
    assertThat(Normalization.normalize("session", "  s-1 ")).isEqualTo("s-1");
    assertThat(Normalization.normalize("customer_id", " C-1")).isEqualTo("C-1");
  }

  @Test
  void explicitStepsApplyInOrder() {
    assertThat(Normalization.apply(Arrays.asList("lowercase", "trim"), " AB ")).isEqualTo("ab");
    assertThat(Normalization.apply(Collections.<String>emptyList(), " AB ")).isEqualTo(" AB ");
    assertThatThrownBy(() -> Normalization.apply(Collections.singletonList("upper"), "x"))
        .hasMessageContaining("unknown normalize step 'upper'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "null",
        "NULL",
        "undefined",
        "0",
        "-1",
        "anonymous",
        "Anonymous",
        "0000-0000",
        "00.00"
      })
  void builtInPlaceholders(String value) {
    assertThat(Placeholders.defaults().isPlaceholder(value, value.trim())).isTrue();
  }

  @Test
  void realValuesAndConfiguredPlaceholders() {
    assertThat(Placeholders.defaults().isPlaceholder("C-100", "C-100")).isFalse();
    assertThat(Placeholders.defaults().isPlaceholder("1000", "1000")).isFalse();
    Placeholders custom = Placeholders.withExtra(Arrays.asList("guest", " N/A "));
    assertThat(custom.isPlaceholder("GUEST", "guest")).isTrue();
    assertThat(custom.isPlaceholder("n/a", "n/a")).isTrue();
    assertThat(Placeholders.defaults().isPlaceholder("guest", "guest")).isFalse();
  }
}
