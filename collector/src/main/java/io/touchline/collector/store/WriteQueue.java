package io.touchline.collector.store;

import io.touchline.collector.ingest.SinkFailingException;
import io.touchline.collector.ingest.SinkFullException;
import io.touchline.collector.ingest.TouchpointSink;
import io.touchline.collector.ingest.TranslatedBatch;
import io.touchline.collector.log.CollectorLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The one writer: batches from every transport wait here, bounded by the number of spans they hold,
 * and a single thread commits them in groups. A group commit costs one transaction for many
 * requests, which is what lets DuckDB keep up with several senders; a sender is answered only after
 * the commit that holds its batch.
 *
 * <p>A commit that fails (a full disk, a file-size limit) puts the queue in a failing state: the
 * senders of that group are told to retry, the log says it once, and until a later commit succeeds
 * the store is tried at most once per {@link #RETRY_AFTER_FAILURE} (never sooner than twice the
 * failed attempt took): what arrives in between is refused at once, without touching the disk. The
 * first commit that succeeds ends the state, and the log says that once too.
 */
public final class WriteQueue implements TouchpointSink, AutoCloseable {

  /** The least pause between two attempts while the store fails. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

  /** What a sender refused while the store fails is told to wait, in seconds. */
  static final int FAILING_RETRY_AFTER_SECONDS = 5;

  private static final String FAILING_TOPIC = "store writes";

  private final GroupWriter store;
  private final long capacitySpans;
  private final int maxGroupSpans;
  private final LongConsumer commitNanos;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedSpans = new AtomicLong();
  private final Thread writer;
  private final LongSupplier nanoTime;
  private volatile boolean closing;

  // Written by the writer thread only; read by senders and health.
  private volatile boolean failing;
  private volatile long nextAttemptNanos;
  private volatile long failingSinceNanos;
  private volatile Instant failingSince;
  private final AtomicLong failures = new AtomicLong();
  private volatile String lastFailure;
  private volatile Instant lastFailureAt;

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
    this(
        (GroupWriter) store,
        capacitySpans,
        maxGroupSpans,
        commitNanos,
        writerThread,
        System::nanoTime);
  }

  /** The same, over any group writer and clock: for tests that make the store fail. */
  WriteQueue(
      GroupWriter store,
      long capacitySpans,
      int maxGroupSpans,
      LongConsumer commitNanos,
      ThreadFactory writerThread,
      LongSupplier nanoTime) {
    this.store = store;
    this.capacitySpans = capacitySpans;
    this.maxGroupSpans = maxGroupSpans;
    this.commitNanos = commitNanos;
    this.nanoTime = nanoTime;
    this.writer = writerThread.newThread(this::run);
    writer.start();
  }

  @Override
  public CompletableFuture<Void> submit(TranslatedBatch batch) {
    if (closing) {
      throw new SinkFullException("the collector is shutting down");
    }
    if (failing && !attemptDue()) {
      throw refusal(); // before the encoding: a failing store costs its senders nothing
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

  /** Whether the store can write, and what failed last. */
  public StorageHealth health() {
    return new StorageHealth(
        failing, failures.get(), lastFailure, lastFailureAt, failing ? failingSince : null);
  }

  private boolean attemptDue() {
    return nanoTime.getAsLong() - nextAttemptNanos >= 0;
  }

  private SinkFailingException refusal() {
    return new SinkFailingException(
        "the store cannot write at the moment (" + lastFailure + "); retry later",
        FAILING_RETRY_AFTER_SECONDS);
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
        if (failing && !attemptDue()) {
          refuse(group, spans); // queued before the failure, or between its check and now
        } else {
          commit(group, spans);
        }
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
    long start = nanoTime.getAsLong();
    long reopensBefore = store.reopens();
    Throwable failure = null;
    try {
      store.writeEncoded(batches);
      commitNanos.accept(nanoTime.getAsLong() - start);
    } catch (Exception | Error e) {
      failure = e;
    }
    // The state first: a sender told of the outcome may send again at once.
    if (failure == null) {
      writing();
    } else {
      // A failed attempt that reopened the database spent its time reading the file back, not
      // failing to write: the fresh database is tried again after the shortest pause.
      failed(failure, store.reopens() == reopensBefore ? nanoTime.getAsLong() - start : 0);
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

  /** Answers a group without an attempt while the store fails: its senders retry later. */
  private void refuse(List<Pending> group, long spans) {
    queuedSpans.addAndGet(-spans);
    SinkFailingException refusal = refusal();
    for (Pending pending : group) {
      pending.committed().completeExceptionally(refusal);
    }
  }

  private void failed(Throwable failure, long tookNanos) {
    long now = nanoTime.getAsLong();
    failures.incrementAndGet();
    lastFailure = String.valueOf(failure.getMessage() == null ? failure : failure.getMessage());
    lastFailureAt = Instant.now();
    nextAttemptNanos = now + Math.max(RETRY_AFTER_FAILURE.toNanos(), 2 * tookNanos);
    if (!failing) {
      failingSinceNanos = now;
      failingSince = lastFailureAt;
      failing = true;
      CollectorLog.errorOnce(
          FAILING_TOPIC,
          "the store cannot write ("
              + lastFailure
              + "); OTLP ingest is answered 503 (gRPC UNAVAILABLE) and nothing is acknowledged"
              + " until a commit succeeds; the store is tried again at most once a second, reads go"
              + " on from what was committed");
    }
  }

  private void writing() {
    if (failing) {
      failing = false;
      CollectorLog.recovered(
          FAILING_TOPIC,
          "the store writes again, after "
              + Duration.ofNanos(nanoTime.getAsLong() - failingSinceNanos).toSeconds()
              + " s failing; failed commits since the start: "
              + failures.get());
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
