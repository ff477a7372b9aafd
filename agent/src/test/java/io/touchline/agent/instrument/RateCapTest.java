package io.touchline.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateCapTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 1_764_000_000L * SECOND; // some second of 2025

  @Test
  void recordsAtMostTheCapInOneSecondAndAgainInTheNext() {
    RateCap cap = new RateCap(3);
    int recorded = 0;
    for (int i = 0; i < 10; i++) {
      recorded += cap.tryAcquire(T0 + i * 1_000_000L) ? 1 : 0;
    }
    assertThat(recorded).isEqualTo(3);
    assertThat(cap.tryAcquire(T0 + SECOND)).as("a new second").isTrue();
    assertThat(cap.tryAcquire(T0 + SECOND + 5)).isTrue();
    assertThat(cap.tryAcquire(T0 + SECOND + 9)).isTrue();
    assertThat(cap.tryAcquire(T0 + SECOND + 10)).isFalse();
    assertThat(cap.tryAcquire(T0 + 7 * SECOND)).as("after a quiet while").isTrue();
  }

  @Test
  void manyThreadsTogetherGetExactlyTheCap() throws Exception {
    RateCap cap = new RateCap(1000);
    AtomicInteger recorded = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 5000; i++) {
                  if (cap.tryAcquire(T0 + 42)) {
                    recorded.incrementAndGet();
                  }
                }
              });
      threads[t].start();
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(recorded.get()).isEqualTo(1000);
  }
}
