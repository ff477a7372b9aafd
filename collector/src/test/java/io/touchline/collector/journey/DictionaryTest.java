package io.touchline.collector.journey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DictionaryTest {

  @Test
  void namesPastTheLimitShareTheCodeOfOther() {
    Dictionary names = new Dictionary(3);
    assertThat(names.codeOf("login")).isZero();
    assertThat(names.codeOf("cart.add")).isEqualTo(1);
    int other = names.codeOf("span-4711");
    assertThat(names.name(other)).isEqualTo(Dictionary.OTHER);
    assertThat(names.codeOf("span-4712")).isEqualTo(other);
    assertThat(names.codeOf("login")).isZero();
    assertThat(names.names()).containsExactly("login", "cart.add", "(other)");
    assertThat(names.find("span-4711")).isEqualTo(Dictionary.ABSENT);
  }

  @Test
  void growsPastItsFirstArray() {
    Dictionary names = new Dictionary(TouchpointColumns.MAX_NAMES);
    for (int i = 0; i < 1000; i++) {
      assertThat(names.codeOf("name-" + i)).isEqualTo(i);
    }
    assertThat(names.name(999)).isEqualTo("name-999");
    assertThat(names.size()).isEqualTo(1000);
  }
}
