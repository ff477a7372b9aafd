package io.touchline.collector.store;

import io.touchline.collector.ingest.SinkFullException;
import io.touchline.collector.ingest.TouchpointSink;
import io.touchline.collector.ingest.TranslatedBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The one writer: batches from every transport wait here, bounded by the number of spans they hold,
 * and a single thread commits them in groups. A group commit costs one transaction for many
 * requests, which is what lets DuckDB keep up with several senders; a sender is answered only after
 * the commit that holds its batch.
 */
public final class WriteQueue implements TouchpointSink, AutoCloseable {

  private final TouchpointStore store;
  private final long capacitySpans;
  private final int maxGroupSpans;
  private final LongConsumer commitNanos;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedSpans = new AtomicLong();
  private final Thread writer;
  private volatile boolean closing;

  private record Pending(TouchpointStore.EncodedBatch encoded, CompletableFuture<Void> committed) {
    TranslatedBatch batch() {
      return encoded.batch();
    }
  }

  /**
   * @param capacitySpans spans waiting at most; a batch beyond it is refused at once
   * @param maxGroupSpans spans per transaction at most (a bigger single batch is one transaction)
   * @param commitNanos told how long each group commit took
   */
  public WriteQueue(
      TouchpointStore store, long capacitySpans, int maxGroupSpans, LongConsumer commitNanos) {
    this(store, capacitySpans, maxGroupSpans, commitNanos, Executors.defaultThreadFactory());
  }

  /** The same, with the one writer thread made by {@code writerThread}. */
  public WriteQueue(
      TouchpointStore store,
      long capacitySpans,
      int maxGroupSpans,
      LongConsumer commitNanos,
      ThreadFactory writerThread) {
    this.store = store;
    this.capacitySpans = capacitySpans;
    this.maxGroupSpans = maxGroupSpans;
    this.commitNanos = commitNanos;
    this.writer = writerThread.newThread(this::run);
    writer.start();
  }

  @Override
  public CompletableFuture<Void> submit(TranslatedBatch batch) {
    if (closing) {
      throw new SinkFullException("the collector is shutting down");
    }
    // Encoded here, on the sender's thread: the one writer thread is the bottleneck, senders are
    // not.
    TouchpointStore.EncodedBatch encoded = TouchpointStore.encode(batch);
    long spans = spans(batch);
    long after = queuedSpans.addAndGet(spans);
    // An empty queue takes any batch, however big: the size limit of a request bounds it.
    if (after > capacitySpans && after != spans) {
      queuedSpans.addAndGet(-spans);
      throw new SinkFullException(
          "the write queue is full (" + capacitySpans + " spans waiting); retry later");
    }
    Pending pending = new Pending(encoded, new CompletableFuture<>());
    queue.add(pending);
    return pending.committed();
  }

  /** Spans accepted and not yet committed. */
  public long queuedSpans() {
    return queuedSpans.get();
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    while (!(closing && queue.isEmpty())) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        long spans = spans(first.batch());
        while (spans < maxGroupSpans) {
          Pending next = queue.peek();
          if (next == null || spans + spans(next.batch()) > maxGroupSpans) {
            break;
          }
          group.add(queue.poll());
          spans += spans(next.batch());
        }
        commit(group, spans);
      } catch (InterruptedException e) {
        // Only close() interrupts, and only after the queue is drained or the wait ran out.
        break;
      } finally {
        group.clear();
      }
    }
    failRemaining();
  }

  private void commit(List<Pending> group, long spans) {
    List<TouchpointStore.EncodedBatch> batches = new ArrayList<>(group.size());
    for (Pending pending : group) {
      batches.add(pending.encoded());
    }
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      store.writeEncoded(batches);
      commitNanos.accept(System.nanoTime() - start);
    } catch (Exception | Error e) {
      failure = e;
    }
    // Room first, answers after: a sender told "committed" may send again at once.
    queuedSpans.addAndGet(-spans);
    for (Pending pending : group) {
      if (failure == null) {
        pending.committed().complete(null);
      } else {
        // Nothing of the group was committed: every sender is told, and may retry.
        pending.committed().completeExceptionally(failure);
      }
    }
  }

  private void failRemaining() {
    Pending left;
    while ((left = queue.poll()) != null) {
      queuedSpans.addAndGet(-spans(left.batch()));
      left.committed()
          .completeExceptionally(
              new IllegalStateException("the collector stopped before the batch was written"));
    }
  }

  private static long spans(TranslatedBatch batch) {
    // Non-touchpoint spans cost a counter only; count them as one row so a batch is never free.
    return Math.max(1, batch.touchpoints().size());
  }

  /**
   * Takes no more batches, commits those waiting (for at most {@code timeoutMillis}), then stops
   * the writer thread.
   */
  public void close(long timeoutMillis) throws InterruptedException {
    closing = true;
    writer.join(timeoutMillis);
    if (writer.isAlive()) {
      writer.interrupt();
      writer.join();
    }
  }

  @Override
  public void close() throws InterruptedException {
    close(30_000);
  }
}
