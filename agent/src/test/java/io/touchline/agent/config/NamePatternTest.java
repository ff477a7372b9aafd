package io.touchline.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamePatternTest {

  @Test
  void exactNameMatchesOnlyItself() {
    NamePattern pattern = NamePattern.compile("com.acme.shop.Checkout");
    assertThat(pattern.isExact()).isTrue();
    assertThat(pattern.matches("com.acme.shop.Checkout")).isTrue();
    assertThat(pattern.matches("com.acme.shop.CheckoutService")).isFalse();
  }

  @Test
  void singleStarStaysWithinOnePackageSegment() {
    NamePattern pattern = NamePattern.compile("com.acme.*.Checkout*");
    assertThat(pattern.matches("com.acme.shop.CheckoutService")).isTrue();
    assertThat(pattern.matches("com.acme.shop.web.CheckoutService")).isFalse();
  }

  @Test
  void doubleStarCrossesSegments() {
    NamePattern pattern = NamePattern.compile("com.acme.**.*Controller");
    assertThat(pattern.matches("com.acme.shop.web.CartController")).isTrue();
    assertThat(pattern.matches("com.acme.CartController")).isFalse();
    assertThat(pattern.matches("org.acme.shop.CartController")).isFalse();
  }

  @Test
  void dotsAndDollarsAreLiteral() {
    NamePattern pattern = NamePattern.compile("com.acme.Outer$Inner*");
    assertThat(pattern.matches("com.acme.Outer$InnerService")).isTrue();
    assertThat(pattern.matches("comXacme.Outer$InnerService")).isFalse();
  }
}
