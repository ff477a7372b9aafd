package io.touchline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.bench.journeys.GeneratedSpan;
import io.touchline.bench.journeys.JourneyHistory;
import io.touchline.keys.Normalization;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LookupKeysTest {

  @Test
  void realisticLookupsAskOnlyForKeysTheHistorySentInTheSharesAsked() {
    JourneyHistory history =
        JourneyHistory.builder()
            .customers(200)
            .seed(4)
            .from(Instant.parse("2026-09-01T00:00:00Z"))
            .maxTouchpoints(3_000)
            .build();
    Set<String> sent = new HashSet<>();
    history
        .interactions()
        .forEachRemaining(
            i -> {
              for (GeneratedSpan span : i.spans()) {
                span.keys()
                    .forEach((type, values) -> values.forEach(v -> sent.add(type + ":" + v)));
              }
            });
    LookupKeys keys = LookupKeys.realistic(history, 0.2, 0.1);
    SplittableRandom random = new SplittableRandom(1);
    int emails = 0;
    int phones = 0;
    for (int i = 0; i < 1_000; i++) {
      String key = keys.next(random).key();
      String type = key.substring(0, key.indexOf(':'));
      String value = key.substring(type.length() + 1);
      assertThat(sent).contains(type + ":" + Normalization.normalize(type, value));
      emails += type.equals("email") ? 1 : 0;
      phones += type.equals("phone") ? 1 : 0;
    }
    assertThat(emails).isBetween(150, 250);
    assertThat(phones).isBetween(60, 140);
    assertThat(keys.acceptedStatuses()).containsExactlyInAnyOrder(200, 409);
  }
}
