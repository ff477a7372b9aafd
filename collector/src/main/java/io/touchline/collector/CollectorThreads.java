package io.touchline.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread the collector starts comes from here, named for the part it serves ({@code
 * touchline-writer}, {@code touchline-otlp-3}, {@code touchline-views-load}, ...), so a thread dump
 * reads like the architecture, and {@link #close} stops the pools that are left.
 */
final class CollectorThreads implements AutoCloseable {

  private final List<ExecutorService> pools = new ArrayList<>();

  /** A fixed pool of {@code size} threads named {@code name-1}, {@code name-2}, ... */
  synchronized ExecutorService pool(String name, int size) {
    return own(Executors.newFixedThreadPool(size, factory(name, false)));
  }

  /** One scheduling thread that does not keep the JVM alive. */
  synchronized ScheduledExecutorService scheduler(String name) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(factory(name, true));
    own(scheduler);
    return scheduler;
  }

  /**
   * Threads started one at a time for work that ends by itself (a rebuild, a background load):
   * daemons, so an unfinished one never holds up the JVM's exit.
   */
  ThreadFactory background(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Threads named {@code prefix-1}, {@code prefix-2}, ... for a pool another part builds (gRPC's):
   * not daemons, so work in progress ends through the part's close, not with the JVM.
   */
  ThreadFactory numbered(String prefix) {
    return factory(prefix, false);
  }

  /** The one writer thread: not a daemon, so a commit in progress finishes before the JVM exits. */
  ThreadFactory single(String name) {
    return runnable -> new Thread(runnable, name);
  }

  private <T extends ExecutorService> T own(T pool) {
    pools.add(pool);
    return pool;
  }

  private static ThreadFactory factory(String prefix, boolean daemon) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(daemon);
      return thread;
    };
  }

  /** Stops every pool: lets running tasks end within {@code seconds}, then interrupts them. */
  void shutdown(ExecutorService pool, long seconds) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(seconds, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    pools.forEach(ExecutorService::shutdownNow);
  }
}
