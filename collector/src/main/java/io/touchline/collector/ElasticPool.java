package io.touchline.collector;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool that starts a thread only when every thread it has is busy, up to a maximum, then queues;
 * idle threads end after a while. The JDK's executors do one or the other: a fixed pool (or one
 * whose core size is its maximum) starts a new thread for each task until it has them all, even
 * with idle ones waiting — under a steady stream of short requests every port kept its maximum of
 * threads — and a cached pool refuses what comes beyond its maximum. Tasks are counted from
 * submission to end, so that the queue can tell whether one would wait.
 */
final class ElasticPool extends ThreadPoolExecutor {

  private final AtomicInteger submitted = new AtomicInteger();

  ElasticPool(int max, long idleSeconds, ThreadFactory threads) {
    super(0, max, idleSeconds, TimeUnit.SECONDS, new StartFirstQueue(), threads);
    ((StartFirstQueue) getQueue()).pool = this;
    // A task that lost the race for the last thread waits in the queue rather than being refused.
    setRejectedExecutionHandler(
        (task, pool) -> {
          if (pool.isShutdown() || !((StartFirstQueue) pool.getQueue()).queue(task)) {
            submitted.decrementAndGet();
            throw new RejectedExecutionException("the pool is shut down");
          }
        });
  }

  @Override
  public void execute(Runnable task) {
    submitted.incrementAndGet();
    try {
      super.execute(task);
    } catch (RejectedExecutionException e) {
      throw e; // counted down already, where it was refused
    } catch (RuntimeException | Error e) {
      submitted.decrementAndGet(); // e.g. no thread could be started: the task never runs
      throw e;
    }
  }

  @Override
  protected void afterExecute(Runnable task, Throwable failure) {
    submitted.decrementAndGet();
  }

  /** Declines a task while the pool could start a thread for it and none is free. */
  private static final class StartFirstQueue extends LinkedBlockingQueue<Runnable> {
    private ElasticPool pool;

    @Override
    public boolean offer(Runnable task) {
      int threads = pool.getPoolSize();
      if (pool.submitted.get() > threads && threads < pool.getMaximumPoolSize()) {
        return false; // the executor starts a thread for it
      }
      return super.offer(task);
    }

    boolean queue(Runnable task) {
      return super.offer(task);
    }
  }
}
