package io.touchline.collector.query.views;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PairStatsTest {

  /** The same transitions counted with few labels (slots computed) and many (slots as seen). */
  @Test
  void bothWaysOfFindingAPairsSlotCountTheSame() {
    for (int labels : new int[] {10, PairStats.DIRECT + 1}) {
      PairStats pairs = new PairStats(labels);
      pairs.add(3, 7, 1, 2_000_000_000L);
      pairs.add(3, 7, 1, 4_000_000_000L); // twice in journey 1
      pairs.add(3, 7, 2, 9_000_000_000L);
      pairs.add(7, 3, 2, 1_000_000_000L);
      for (int i = 0; i < 200; i++) {
        pairs.add(i % 5, (i + 1) % 5, 3 + i, 1);
      }
      int found = 0;
      for (int slot = 0; slot < pairs.slots(); slot++) {
        if (pairs.from(slot) == 3 && pairs.to(slot) == 7 && pairs.counts[slot] > 0) {
          assertThat(pairs.counts[slot]).as("labels %d", labels).isEqualTo(3);
          assertThat(pairs.journeys[slot]).isEqualTo(2);
          assertThat(pairs.median(slot)).isEqualTo(4.0);
          found++;
        }
      }
      assertThat(found).isEqualTo(1);
    }
  }
}
