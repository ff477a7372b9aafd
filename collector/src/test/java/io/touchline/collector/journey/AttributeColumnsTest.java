package io.touchline.collector.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeColumnsTest {

  @Test
  void anAttributeIsReadOnceThenKeptUpToDate() {
    int[] loads = {0};
    AttributeColumns attributes =
        new AttributeColumns(
            (name, sink) -> {
              loads[0]++;
              sink.accept(1, "gold");
              sink.accept(70_000, "silver"); // a second chunk
            });
    AttributeColumns.Column tier = attributes.column("customer.tier");
    attributes.add(70_001, Map.of("customer.tier", "gold", "other", 1L));
    assertThat(attributes.column("customer.tier")).isSameAs(tier);
    assertThat(loads[0]).isEqualTo(1);
    assertThat(tier.value(tier.codeAt(1))).isEqualTo("gold");
    assertThat(tier.value(tier.codeAt(70_000))).isEqualTo("silver");
    assertThat(tier.value(tier.codeAt(70_001))).isEqualTo("gold");
    assertThat(tier.codeAt(2)).isZero();
    assertThat(tier.codeAt(10_000_000)).isZero();
    assertThat(attributes.names()).containsExactly("customer.tier", "other");
  }

  @Test
  void anAttributeWithTooManyValuesIsRefusedAndNotKept() {
    AttributeColumns attributes =
        new AttributeColumns(
            (name, sink) -> {
              for (int i = 1; i <= AttributeColumns.MAX_VALUES + 1; i++) {
                sink.accept(i, "id-" + i);
              }
            });
    assertThatThrownBy(() -> attributes.column("demo.interaction"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more than 1000 distinct values");
    assertThat(attributes.loaded("demo.interaction")).isEmpty();
  }

  @Test
  void atMostSixteenAttributesAreKept() {
    AttributeColumns attributes = new AttributeColumns((name, sink) -> sink.accept(1, "x"));
    for (int i = 0; i < AttributeColumns.MAX_ATTRIBUTES; i++) {
      attributes.column("a" + i);
    }
    assertThatThrownBy(() -> attributes.column("one.more"))
        .hasMessageStartingWith("at most 16 attributes");
  }
}
