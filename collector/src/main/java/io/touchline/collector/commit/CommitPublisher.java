package io.touchline.collector.commit;

import io.touchline.collector.log.CollectorLog;
import io.touchline.collector.model.CommittedBatch;
import io.touchline.collector.model.ErasedTouchpoints;
import io.touchline.collector.store.CommitListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Hands each commit of the store to the collector's listeners, in the order they were registered
 * (the views' columns before the profile index, so that whatever a profile shows has its columns;
 * then the live feed; then the rules). A listener that throws stops neither the others nor the
 * writer, and is never silently behind: it is marked failed (in {@code /api/health} and {@code
 * /metrics}), said once in the log by name, and rebuilt from the store at once, on the writer's
 * thread, so that no commit slips between the rebuild and the next batch. A rebuild that fails too
 * leaves it failed and skipped; it is tried again at a later commit, no sooner than {@link
 * #RETRY_AFTER} after the last attempt.
 */
public final class CommitPublisher implements CommitListener {

  static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  /** Builds a listener's state anew from the store; runs while no batch is written. */
  public interface Rebuild {
    void run() throws Exception;
  }

  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final LongSupplier nanoTime;

  public CommitPublisher() {
    this(System::nanoTime);
  }

  CommitPublisher(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * Adds a listener after those registered before it; {@code name} is what health and logs call it.
   */
  public void register(String name, CommitListener listener, Rebuild rebuild) {
    subscriptions.add(new Subscription(name, listener, rebuild));
  }

  @Override
  public void committed(CommittedBatch batch) {
    subscriptions.forEach(
        subscription -> deliver(subscription, listener -> listener.committed(batch)));
  }

  @Override
  public void erased(ErasedTouchpoints erased) {
    subscriptions.forEach(
        subscription -> deliver(subscription, listener -> listener.erased(erased)));
  }

  /**
   * Rebuilds every listener from the store, in order (after the store deleted what retention took).
   */
  public void rebuildAll() {
    subscriptions.forEach(this::rebuild);
  }

  /** Each listener's state, in order. */
  public List<ListenerHealth> health() {
    return subscriptions.stream().map(Subscription::health).toList();
  }

  private void deliver(Subscription subscription, Consumer<CommitListener> telling) {
    if (subscription.state == ListenerHealth.State.FAILED) {
      // Behind: what it missed is in the store, and a rebuild reads it all.
      if (nanoTime.getAsLong() - subscription.lastAttemptNanos < RETRY_AFTER.toNanos()) {
        return;
      }
      rebuild(subscription);
      return;
    }
    try {
      telling.accept(subscription.listener);
    } catch (Throwable e) { // whatever it was, it is this listener's failure alone
      subscription.failed(e);
      CollectorLog.errorOnce(
          topic(subscription),
          "the "
              + subscription.name
              + " failed on a commit ("
              + e
              + "); rebuilding it from the store");
      rebuild(subscription);
    }
  }

  private void rebuild(Subscription subscription) {
    subscription.state = ListenerHealth.State.REBUILDING;
    subscription.lastAttemptNanos = nanoTime.getAsLong();
    try {
      subscription.rebuild.run();
      subscription.state = ListenerHealth.State.OK;
      CollectorLog.recovered(
          topic(subscription), "the " + subscription.name + " was rebuilt from the store");
    } catch (Throwable e) {
      subscription.failed(e);
      subscription.state = ListenerHealth.State.FAILED;
      CollectorLog.errorOnce(
          topic(subscription),
          "the "
              + subscription.name
              + " could not be rebuilt from the store ("
              + e
              + "); it stays behind until"
              + " a later commit rebuilds it");
    }
  }

  private static String topic(Subscription subscription) {
    return "listener " + subscription.name;
  }

  /** One listener and what is known of its health; written on the writer's thread only. */
  private static final class Subscription {
    final String name;
    final CommitListener listener;
    final Rebuild rebuild;
    volatile ListenerHealth.State state = ListenerHealth.State.OK;
    volatile long failures;
    volatile String lastFailure;
    volatile Instant lastFailureAt;
    long lastAttemptNanos;

    Subscription(String name, CommitListener listener, Rebuild rebuild) {
      this.name = name;
      this.listener = listener;
      this.rebuild = rebuild;
    }

    void failed(Throwable e) {
      failures++;
      lastFailure = String.valueOf(e);
      lastFailureAt = Instant.now();
    }

    ListenerHealth health() {
      return new ListenerHealth(name, state, failures, lastFailure, lastFailureAt);
    }
  }
}
