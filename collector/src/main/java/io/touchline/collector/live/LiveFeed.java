package io.touchline.collector.live;

import io.touchline.collector.model.Touchpoint;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The touchpoints arriving now, handed to whoever watches: each watcher has a bounded queue, and
 * one too slow to read loses touchpoints (counted) rather than holding up the store's writer.
 */
public final class LiveFeed implements Consumer<List<Touchpoint>> {

  public static final int MAX_WATCHERS = 16;
  static final int QUEUE = 1_000;

  private final Set<Watcher> watchers = new CopyOnWriteArraySet<>();

  /** One watcher's touchpoints, as they arrive. */
  public final class Watcher implements AutoCloseable {
    private final Predicate<Touchpoint> filter;
    private final BlockingQueue<Touchpoint> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();

    private Watcher(Predicate<Touchpoint> filter) {
      this.filter = filter;
    }

    /** The next touchpoint, or null when none came within the timeout. */
    public Touchpoint next(long timeout, TimeUnit unit) throws InterruptedException {
      return queue.poll(timeout, unit);
    }

    /** Touchpoints lost since the last call, because this watcher read too slowly. */
    public long takeDropped() {
      return dropped.getAndSet(0);
    }

    void offer(Touchpoint touchpoint) {
      if (filter.test(touchpoint) && !queue.offer(touchpoint)) {
        dropped.incrementAndGet();
      }
    }

    @Override
    public void close() {
      watchers.remove(this);
    }
  }

  /** A new watcher, or empty when {@link #MAX_WATCHERS} watch already. */
  public synchronized Optional<Watcher> watch(Predicate<Touchpoint> filter) {
    if (watchers.size() >= MAX_WATCHERS) {
      return Optional.empty();
    }
    Watcher watcher = new Watcher(filter);
    watchers.add(watcher);
    return Optional.of(watcher);
  }

  /** Called by the store with the touchpoints it has just committed. */
  @Override
  public void accept(List<Touchpoint> stored) {
    for (Watcher watcher : watchers) {
      for (Touchpoint touchpoint : stored) {
        watcher.offer(touchpoint);
      }
    }
  }
}
