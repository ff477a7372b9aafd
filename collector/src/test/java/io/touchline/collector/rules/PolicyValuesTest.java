package io.touchline.collector.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Shares and quiet hours, the values the engine compares with a profile's hash and a clock. */
class PolicyValuesTest {

  @Test
  void readsASharePrecisely() {
    assertThat(Percent.parse("20%").basisPoints()).isEqualTo(2000);
    assertThat(Percent.parse(20).basisPoints()).isEqualTo(2000);
    assertThat(Percent.parse(2.5).basisPoints()).isEqualTo(250);
    assertThat(Percent.parse("0.01%").basisPoints()).isEqualTo(1);
    assertThat(Percent.parse("100%").includes(Percent.BUCKETS - 1)).isTrue();
    assertThat(Percent.parse("20%").includes(1999)).isTrue();
    assertThat(Percent.parse("20%").includes(2000)).isFalse();
    assertThat(Percent.parse(2.5)).hasToString("2.5%");
    assertThatThrownBy(() -> Percent.parse("0.001%")).hasMessageContaining("must be a share");
    assertThatThrownBy(() -> Percent.parse("twenty")).hasMessageContaining("was 'twenty'");
  }

  @Test
  void quietHoursRunOverMidnightInTheirZone() {
    QuietHours night = QuietHours.parse("21:00-08:00", ZoneId.of("Europe/Berlin"));

    // 20:30 UTC is 21:30 in Berlin in winter.
    assertThat(night.contains(Instant.parse("2026-01-10T20:30:00Z"))).isTrue();
    assertThat(night.contains(Instant.parse("2026-01-10T06:59:00Z"))).isTrue();
    assertThat(night.contains(Instant.parse("2026-01-10T07:00:00Z"))).isFalse();
    assertThat(night.contains(Instant.parse("2026-01-10T12:00:00Z"))).isFalse();
    QuietHours lunch = QuietHours.parse("12:00-13:30", ZoneId.of("UTC"));
    assertThat(lunch.contains(Instant.parse("2026-01-10T12:00:00Z"))).isTrue();
    assertThat(lunch.contains(Instant.parse("2026-01-10T13:30:00Z"))).isFalse();
    assertThat(lunch).hasToString("12:00-13:30 UTC");
    assertThatThrownBy(() -> QuietHours.parse("08:00-08:00", ZoneId.of("UTC")))
        .hasMessageContaining("same time");
  }
}
