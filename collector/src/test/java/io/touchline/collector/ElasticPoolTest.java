package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ElasticPoolTest {

  @Test
  void aStreamOfShortTasksIsServedByTheThreadsAlreadyIdle() throws Exception {
    ElasticPool pool = new ElasticPool(256, 30, Executors.defaultThreadFactory());
    try {
      for (int i = 0; i < 1_000; i++) {
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        waitUntilIdle(pool);
      }
      assertThat(pool.getLargestPoolSize()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void busyThreadsMakeItStartMoreUpToItsMaximumThenQueue() throws Exception {
    ElasticPool pool = new ElasticPool(8, 30, Executors.defaultThreadFactory());
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(8);
    CountDownLatch all = new CountDownLatch(20);
    try {
      for (int i = 0; i < 20; i++) {
        pool.execute(
            () -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              all.countDown();
            });
      }
      // Eight wait on the slow "client", the other twelve queue: none is refused.
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(pool.getPoolSize()).isEqualTo(8);
      assertThat(pool.getQueue()).hasSize(12);
      release.countDown();
      assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  private static void waitUntilIdle(ElasticPool pool) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.getActiveCount() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
