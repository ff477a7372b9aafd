package io.touchline.collector.commit;

import io.touchline.collector.model.CommittedBatch;
import io.touchline.collector.model.ErasedTouchpoints;
import io.touchline.collector.model.TouchpointKeys;
import io.touchline.collector.stitch.ProfileIndex;
import io.touchline.collector.store.CommitListener;
import io.touchline.collector.store.StoreException;
import io.touchline.collector.store.StoreReader;
import io.touchline.collector.store.TouchpointStore;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the profile index up to date with the store: each commit's touchpoints are placed, an
 * erasure's forgotten, and {@link #rebuild} reads everything back — at start, after retention, and
 * when the index failed on a commit.
 */
public final class ProfileIndexFeed implements CommitListener {

  private static final List<TouchpointKeys> END = List.of();

  private final ProfileIndex index;
  private final TouchpointStore store;
  private final ThreadFactory rebuildThreads;

  /**
   * @param rebuildThreads makes the thread that applies the identity rules during a rebuild
   */
  public ProfileIndexFeed(ProfileIndex index, TouchpointStore store, ThreadFactory rebuildThreads) {
    this.index = index;
    this.store = store;
    this.rebuildThreads = rebuildThreads;
  }

  /** Where the index reads stored touchpoints back from when it decides a group anew. */
  public static ProfileIndex.TouchpointSource source(TouchpointStore store) {
    return sequences -> {
      try (StoreReader reader = store.reader()) {
        return reader.entriesBySequence(sequences);
      } catch (SQLException e) {
        throw new StoreException(
            "reading touchpoints back for the profile index failed: " + e.getMessage(), e);
      }
    };
  }

  @Override
  public void committed(CommittedBatch batch) {
    for (TouchpointKeys keys : batch.keys()) {
      index.add(keys);
    }
    index.commit();
  }

  @Override
  public void erased(ErasedTouchpoints erased) {
    index.forget(erased.sequences(), erased.keyFingerprints());
  }

  /**
   * Builds the index anew from every stored touchpoint. The store reads rows on this thread while
   * another applies the identity rules to the batch before, so the two halves of the work overlap
   * (each about half of it; measured at 2M touchpoints). Call it while no batch is written.
   */
  public void rebuild() throws SQLException {
    index.clear();
    BlockingQueue<List<TouchpointKeys>> batches = new ArrayBlockingQueue<>(2);
    AtomicReference<Throwable> applyFailure = new AtomicReference<>();
    Thread applying =
        rebuildThreads.newThread(
            () -> {
              try {
                for (List<TouchpointKeys> batch = batches.take();
                    batch != END;
                    batch = batches.take()) {
                  if (applyFailure.get() == null) {
                    try {
                      batch.forEach(index::add);
                      index.commit();
                    } catch (
                        Throwable e) { // keep taking, so the reader never waits on a full queue
                      applyFailure.set(e);
                    }
                  }
                }
              } catch (InterruptedException e) {
                applyFailure.compareAndSet(null, e);
              }
            });
    applying.start();
    try {
      store.replay(batch -> putUninterruptibly(batches, batch));
    } finally {
      putUninterruptibly(batches, END);
      joinUninterruptibly(applying); // never return while it still writes to the index
    }
    Throwable failure = applyFailure.get();
    if (failure != null) {
      throw new IllegalStateException(
          "the identity rules failed while rebuilding the profile index: " + failure, failure);
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = Thread.interrupted();
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> void putUninterruptibly(BlockingQueue<T> queue, T item) {
    boolean interrupted = Thread.interrupted();
    while (true) {
      try {
        queue.put(item);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
