package io.touchline.collector.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.log.RepeatedFailures.Verdict;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatedFailuresTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final RepeatedFailures repeats = new RepeatedFailures(now::get);

  @Test
  void aFailureThatRepeatsIsLoggedInFullOnceAMinuteAndCountedPastAFewLines() {
    assertThat(repeats.decide(databaseGone(), "a").verdict()).isEqualTo(Verdict.STACK);
    for (int i = 0; i < RepeatedFailures.LINES_PER_WINDOW; i++) {
      RepeatedFailures.Decision line = repeats.decide(databaseGone(), "b" + i);
      assertThat(line.verdict()).isEqualTo(Verdict.LINE);
      assertThat(line.firstId()).isEqualTo("a");
    }
    for (int i = 0; i < 1_000; i++) {
      assertThat(repeats.decide(databaseGone(), "c" + i).verdict()).isEqualTo(Verdict.COUNTED);
    }

    now.addAndGet(RepeatedFailures.WINDOW_NANOS - 1);
    assertThat(repeats.decide(databaseGone(), "d").verdict()).isEqualTo(Verdict.COUNTED);
    now.addAndGet(1);
    RepeatedFailures.Decision next = repeats.decide(databaseGone(), "e");
    assertThat(next.verdict()).isEqualTo(Verdict.STACK);
    assertThat(next.unlogged()).isEqualTo(1_001);
    assertThat(repeats.decide(databaseGone(), "f").firstId()).isEqualTo("e");
  }

  @Test
  void aDifferentFailureIsLoggedInFullEvenWhileAnotherRepeats() {
    assertThat(repeats.decide(databaseGone(), "a").verdict()).isEqualTo(Verdict.STACK);
    assertThat(repeats.decide(new StackOverflowError(), "b").verdict()).isEqualTo(Verdict.STACK);
    assertThat(repeats.decide(databaseGone(), "c").verdict()).isEqualTo(Verdict.LINE);
  }

  @Test
  void theSameBugIsOneKindWhateverItsMessageOrWrapping() {
    IllegalStateException first = databaseGone();
    RuntimeException wrapped = new RuntimeException("while answering", databaseGone());
    assertThat(RepeatedFailures.kindOf(wrapped)).isEqualTo(RepeatedFailures.kindOf(first));
    assertThat(RepeatedFailures.kindOf(first)).startsWith(IllegalStateException.class.getName());
  }

  @Test
  void failuresThrownFromOneSharedPlaceAreToldApartByWhereTheCollectorCalledIt() {
    String first = RepeatedFailures.kindOf(nullCheckHere());
    String second = RepeatedFailures.kindOf(nullCheckThere());
    assertThat(first).startsWith(NullPointerException.class.getName() + " at java.");
    assertThat(first).isNotEqualTo(second);
    assertThat(RepeatedFailures.kindOf(nullCheckHere())).isEqualTo(first);
  }

  private static NullPointerException nullCheckHere() {
    try {
      java.util.Objects.requireNonNull(null);
      throw new AssertionError();
    } catch (NullPointerException e) {
      return e;
    }
  }

  private static NullPointerException nullCheckThere() {
    try {
      java.util.Objects.requireNonNull(null, "there");
      throw new AssertionError();
    } catch (NullPointerException e) {
      return e;
    }
  }

  private static IllegalStateException databaseGone() {
    return thrownHere("database went away at " + System.nanoTime());
  }

  private static IllegalStateException thrownHere(String message) {
    return new IllegalStateException(message);
  }
}
