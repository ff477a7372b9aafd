package com.acme.mailer.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackingTokensTest {

  private final TrackingTokens tokens = new TrackingTokens("mailer-key");

  @Test
  void theSameMessageAlwaysGetsTheSameToken() {
    assertThat(new TrackingTokens("mailer-key").tokenFor("MSG-900001"))
        .isEqualTo(tokens.tokenFor("MSG-900001"));
  }

  @Test
  void tokensAreUrlSafeAndSayNothingOfTheMessage() {
    String token = tokens.tokenFor("MSG-900001");
    assertThat(token).matches("[A-Za-z0-9_-]{22}").doesNotContain("900001");
    assertThat(tokens.tokenFor("MSG-900002")).isNotEqualTo(token);
  }

  @Test
  void anotherKeyGivesOtherTokens() {
    assertThat(new TrackingTokens("another-key").tokenFor("MSG-900001"))
        .isNotEqualTo(tokens.tokenFor("MSG-900001"));
  }
}
