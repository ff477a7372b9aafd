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
 * — or a background load that fails after it — leaves it failed and skipped; it is tried again at a
 * later commit, no sooner than {@link #RETRY_AFTER} after the last attempt.
 *
 * <p>Every method that tells or rebuilds runs under the store's lock (the writer's commit, an
 * erasure, retention's {@code whileWritesWait}); {@link #health} may be read from any thread.
 */
public final class CommitPublisher implements CommitListener {

  static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  /** Builds a listener's state anew from the store; runs while no batch is written. */
  public interface Rebuild {
    void run() throws Exception;
  }

  /**
   * For a listener whose rebuild goes on in the background after {@link Rebuild#run} returns (the
   * views' columns): whether it is still reading the store, and why it failed if it did.
   */
  public interface Progress {
    boolean loading();

    /** Why the last background load failed; null when it did not. */
    String failure();

    Progress NONE =
        new Progress() {
          @Override
          public boolean loading() {
            return false;
          }

          @Override
          public String failure() {
            return null;
          }
        };
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
    register(name, listener, rebuild, Progress.NONE);
  }

  /** The same, for a listener whose rebuild finishes in the background. */
  public void register(String name, CommitListener listener, Rebuild rebuild, Progress progress) {
    subscriptions.add(new Subscription(name, listener, rebuild, progress));
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

  /** The store reopened its database: every listener is read back from it. */
  @Override
  public void reopened() {
    rebuildAll();
  }

  /**
   * Rebuilds every listener from the store, in order (after the store deleted what retention took,
   * or reopened its database). Call it while no batch is written.
   */
  public void rebuildAll() {
    subscriptions.forEach(this::rebuild);
  }

  /**
   * Whether the listener named {@code name} holds everything stored, rebuilding it first when it
   * failed. Call it while no batch is written (an erasure plans from the profile index, and must
   * not plan from one that is behind).
   */
  public boolean upToDate(String name) {
    for (Subscription subscription : subscriptions) {
      if (subscription.name.equals(name)) {
        noticeBackgroundFailure(subscription);
        if (subscription.state == ListenerHealth.State.FAILED && retryDue(subscription)) {
          rebuild(subscription);
        }
        return subscription.state == ListenerHealth.State.OK && !subscription.progress.loading();
      }
    }
    throw new IllegalArgumentException("no listener named " + name);
  }

  /** Each listener's state, in order. */
  public List<ListenerHealth> health() {
    return subscriptions.stream().map(Subscription::health).toList();
  }

  private void deliver(Subscription subscription, Consumer<CommitListener> telling) {
    noticeBackgroundFailure(subscription);
    if (subscription.state == ListenerHealth.State.FAILED) {
      // Behind: what it missed is in the store, and a rebuild reads it all.
      if (retryDue(subscription)) {
        rebuild(subscription);
      }
      return;
    }
    try {
      telling.accept(subscription.listener);
    } catch (Throwable e) { // whatever it was, it is this listener's failure alone
      subscription.failed(e.toString());
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

  private boolean retryDue(Subscription subscription) {
    return nanoTime.getAsLong() - subscription.lastAttemptNanos >= RETRY_AFTER.toNanos();
  }

  /** A background load that failed leaves its listener behind: failed, and rebuilt later. */
  private void noticeBackgroundFailure(Subscription subscription) {
    String failure = subscription.progress.failure();
    if (subscription.state == ListenerHealth.State.OK && failure != null) {
      subscription.failed(failure);
      subscription.state = ListenerHealth.State.FAILED;
      subscription.lastAttemptNanos = nanoTime.getAsLong(); // the load was the attempt
      CollectorLog.errorOnce(
          rebuildTopic(subscription),
          "the "
              + subscription.name
              + " could not be read back from the store ("
              + failure
              + "); it stays behind until a later commit rebuilds it");
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
      CollectorLog.recovered(
          rebuildTopic(subscription), "the " + subscription.name + " is current again");
    } catch (Throwable e) {
      subscription.failed(e.toString());
      subscription.state = ListenerHealth.State.FAILED;
      CollectorLog.errorOnce(
          rebuildTopic(subscription),
          "the "
              + subscription.name
              + " could not be rebuilt from the store ("
              + e
              + "); it stays behind until a later commit rebuilds it");
    }
  }

  private static String topic(Subscription subscription) {
    return "listener " + subscription.name;
  }

  private static String rebuildTopic(Subscription subscription) {
    return "rebuilding listener " + subscription.name;
  }

  /**
   * One listener and what is known of its health: written under the store's lock, read by any
   * thread.
   */
  private static final class Subscription {
    final String name;
    final CommitListener listener;
    final Rebuild rebuild;
    final Progress progress;
    volatile ListenerHealth.State state = ListenerHealth.State.OK;
    volatile long failures;
    volatile String lastFailure;
    volatile Instant lastFailureAt;
    long lastAttemptNanos;

    Subscription(String name, CommitListener listener, Rebuild rebuild, Progress progress) {
      this.name = name;
      this.listener = listener;
      this.rebuild = rebuild;
      this.progress = progress;
    }

    void failed(String what) {
      failures++;
      lastFailure = what;
      lastFailureAt = Instant.now();
    }

    ListenerHealth health() {
      ListenerHealth.State shown = state;
      if (shown == ListenerHealth.State.OK && progress.failure() != null) {
        shown = ListenerHealth.State.FAILED; // seen by the next commit, shown at once
      } else if (shown == ListenerHealth.State.OK && progress.loading()) {
        shown = ListenerHealth.State.LOADING;
      }
      String failure = lastFailure == null ? progress.failure() : lastFailure;
      return new ListenerHealth(name, shown, failures, failure, lastFailureAt);
    }
  }
}
