package io.touchline.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchline.collector.ingest.SinkFailingException;
import io.touchline.collector.ingest.TranslatedBatch;
import io.touchline.collector.model.Touchpoint;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write queue over a store that fails, on a clock of the test's: refusals at once while it
 * fails, one attempt per pause, and the first commit that succeeds ends it.
 */
class WriteQueueFailingTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(42 * SECOND);
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile SQLException failure = new SQLException("Could not write file: File too large");
  private volatile long attemptTakes;
  private volatile CountDownLatch attemptMayEnd = new CountDownLatch(0);
  private int nextSpan = 1;
  private WriteQueue queue;

  private final GroupWriter store =
      group -> {
        attempts.incrementAndGet();
        try {
          attemptMayEnd.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        now.addAndGet(attemptTakes);
        if (failure != null) {
          throw failure;
        }
      };

  @AfterEach
  void close() throws Exception {
    queue.close();
  }

  private void open() {
    queue =
        new WriteQueue(
            store, 100_000, 10_000, nanos -> {}, Executors.defaultThreadFactory(), now::get);
  }

  private TranslatedBatch batch() {
    String span = String.format("%016x", nextSpan++);
    Touchpoint touchpoint =
        new Touchpoint(
            "0af7651916cd43dd8448eb211c80319c",
            span,
            1_700_000_000_000_000_000L,
            "visit",
            "web",
            "shop",
            "success",
            Map.of("session", List.of("s-" + span)),
            Map.of());
    return new TranslatedBatch(List.of(new TranslatedBatch.Read(touchpoint, 0)), 0, 0, 0, "");
  }

  private static Throwable failureOf(CompletableFuture<Void> future) throws Exception {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the batch was committed");
  }

  @Test
  void refusesAtOnceWhileTheStoreFailsAndTriesItAgainOncePerPause() throws Exception {
    open();
    assertThat(failureOf(queue.submit(batch()))).isSameAs(failure);
    StorageHealth health = queue.health();
    assertThat(health.failing()).isTrue();
    assertThat(health.failures()).isEqualTo(1);
    assertThat(health.lastFailure()).isEqualTo("Could not write file: File too large");
    assertThat(health.failingSince()).isNotNull();

    for (int i = 0; i < 100; i++) {
      assertThatThrownBy(() -> queue.submit(batch()))
          .isInstanceOf(SinkFailingException.class)
          .hasMessageContaining("File too large")
          .satisfies(e -> assertThat(((SinkFailingException) e).retryAfterSeconds()).isEqualTo(5));
    }
    now.addAndGet(SECOND - 1);
    assertThatThrownBy(() -> queue.submit(batch())).isInstanceOf(SinkFailingException.class);
    assertThat(attempts).as("the disk is left alone between attempts").hasValue(1);

    now.addAndGet(1);
    assertThat(failureOf(queue.submit(batch()))).isSameAs(failure);
    assertThat(attempts).hasValue(2);
    assertThat(queue.health().failures()).isEqualTo(2);

    now.addAndGet(SECOND);
    failure = null; // the limit is lifted
    queue.submit(batch()).get(10, TimeUnit.SECONDS);
    health = queue.health();
    assertThat(health.failing()).isFalse();
    assertThat(health.failingSince()).isNull();
    assertThat(health.failures()).as("kept since the start").isEqualTo(2);
    queue.submit(batch()).get(10, TimeUnit.SECONDS);
    assertThat(attempts).hasValue(4);
  }

  @Test
  void batchesQueuedBehindAFailedCommitAreRefusedWithoutAnAttempt() throws Exception {
    open();
    attemptMayEnd = new CountDownLatch(1);
    CompletableFuture<Void> first = queue.submit(batch());
    while (attempts.get() == 0) {
      Thread.onSpinWait(); // the writer holds the first batch in its attempt
    }
    List<CompletableFuture<Void>> behind = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      behind.add(queue.submit(batch()));
    }
    attemptMayEnd.countDown();

    assertThat(failureOf(first)).isSameAs(failure);
    for (CompletableFuture<Void> waiting : behind) {
      assertThat(failureOf(waiting)).isInstanceOf(SinkFailingException.class);
    }
    assertThat(attempts).hasValue(1);
    assertThat(queue.queuedSpans()).isZero();
  }

  @Test
  void aSlowFailedAttemptIsFollowedByAPauseTwiceAsLong() throws Exception {
    open();
    attemptTakes = 3 * SECOND; // a reopened database read back, say
    assertThat(failureOf(queue.submit(batch()))).isSameAs(failure);
    now.addAndGet(6 * SECOND - 1);
    assertThatThrownBy(() -> queue.submit(batch())).isInstanceOf(SinkFailingException.class);
    now.addAndGet(1);
    attemptTakes = 0;
    failure = null;
    queue.submit(batch()).get(10, TimeUnit.SECONDS);
    assertThat(queue.health().failing()).isFalse();
  }
}
