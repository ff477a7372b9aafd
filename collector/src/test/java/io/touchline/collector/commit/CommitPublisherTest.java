package io.touchline.collector.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.model.CommittedBatch;
import io.touchline.collector.model.ErasedTouchpoints;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.model.TouchpointKeys;
import io.touchline.collector.store.CommitListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The publisher on its own: order, isolation of a failing listener, its rebuild, and its health.
 */
class CommitPublisherTest {

  private final AtomicLong clock = new AtomicLong();
  private final CommitPublisher publisher = new CommitPublisher(clock::get);

  private static CommittedBatch batch(long sequence) {
    Touchpoint touchpoint =
        new Touchpoint(
            "00000000000000000000000000000001",
            "0000000000000001",
            sequence,
            "cart.add",
            "web",
            "shop",
            "success",
            Map.of(),
            Map.of());
    return new CommittedBatch(
        List.of(touchpoint),
        List.of(new TouchpointKeys(sequence, sequence, 1, new long[0], List.of())));
  }

  /** Records what it is told, and throws while {@code failing} is set. */
  private static final class Recording implements CommitListener {
    final List<Long> seen = new ArrayList<>();
    boolean failing;

    @Override
    public void committed(CommittedBatch batch) {
      if (failing) {
        throw new IllegalStateException("broken on " + batch.keys().get(0).sequence());
      }
      seen.add(batch.keys().get(0).sequence());
    }

    @Override
    public void erased(ErasedTouchpoints erased) {}
  }

  @Test
  void listenersAreToldInTheOrderTheyWereRegistered() {
    List<String> order = new ArrayList<>();
    for (String name : List.of("views' columns", "profile index", "live feed")) {
      publisher.register(
          name,
          new CommitListener() {
            @Override
            public void committed(CommittedBatch batch) {
              order.add(name);
            }

            @Override
            public void erased(ErasedTouchpoints erased) {
              order.add(name + " erased");
            }
          },
          () -> {});
    }

    publisher.committed(batch(1));
    publisher.erased(new ErasedTouchpoints(new long[] {1}, new long[0]));

    assertThat(order)
        .containsExactly(
            "views' columns",
            "profile index",
            "live feed",
            "views' columns erased",
            "profile index erased",
            "live feed erased");
  }

  @Test
  void aListenerThatThrowsStopsNeitherTheOthersNorTheCommitAndIsRebuiltAtOnce() {
    Recording broken = new Recording();
    Recording after = new Recording();
    AtomicInteger rebuilds = new AtomicInteger();
    publisher.register(
        "profile index",
        broken,
        () -> {
          rebuilds.incrementAndGet();
          broken.failing = false; // a rebuild from the store repairs it
        });
    publisher.register("live feed", after, () -> {});

    broken.failing = true;
    publisher.committed(batch(1));
    publisher.committed(batch(2));

    assertThat(after.seen).as("the listener after it").containsExactly(1L, 2L);
    assertThat(rebuilds).hasValue(1);
    assertThat(broken.seen).as("told again after its rebuild").containsExactly(2L);
    ListenerHealth health = publisher.health().get(0);
    assertThat(health.name()).isEqualTo("profile index");
    assertThat(health.state()).isEqualTo(ListenerHealth.State.OK);
    assertThat(health.failures()).isEqualTo(1);
    assertThat(health.lastFailure()).contains("broken on 1");
    assertThat(health.lastFailureAt()).isNotNull();
  }

  @Test
  void aListenerWhoseRebuildFailsStaysFailedAndIsTriedAgainAfterAMinute() {
    Recording broken = new Recording();
    AtomicInteger rebuilds = new AtomicInteger();
    boolean[] storeReadable = {false};
    publisher.register(
        "views' columns",
        broken,
        () -> {
          rebuilds.incrementAndGet();
          if (!storeReadable[0]) {
            throw new IllegalStateException("store unreadable");
          }
          broken.failing = false;
        });

    broken.failing = true;
    publisher.committed(batch(1));
    assertThat(publisher.health().get(0).state()).isEqualTo(ListenerHealth.State.FAILED);
    assertThat(publisher.health().get(0).lastFailure()).contains("store unreadable");

    publisher.committed(batch(2));
    assertThat(rebuilds).as("not before the retry delay").hasValue(1);
    assertThat(broken.seen).as("skipped while behind").isEmpty();

    storeReadable[0] = true;
    clock.addAndGet(CommitPublisher.RETRY_AFTER.toNanos());
    publisher.committed(batch(3));
    assertThat(rebuilds).hasValue(2);
    assertThat(publisher.health().get(0).state()).isEqualTo(ListenerHealth.State.OK);
    assertThat(publisher.health().get(0).failures()).isEqualTo(2);

    publisher.committed(batch(4));
    assertThat(broken.seen).containsExactly(4L);
  }

  /** A background load: loading until told otherwise, then done or failed. */
  private static final class Load implements CommitPublisher.Progress {
    boolean loading;
    String failure;

    @Override
    public boolean loading() {
      return loading;
    }

    @Override
    public String failure() {
      return failure;
    }
  }

  @Test
  void aListenerStillLoadingIsShownAsLoadingAndIsNotUpToDate() {
    Load load = new Load();
    publisher.register("views' columns", new Recording(), () -> {}, load);

    load.loading = true;
    assertThat(publisher.health().get(0).state()).isEqualTo(ListenerHealth.State.LOADING);
    assertThat(publisher.upToDate("views' columns")).isFalse();

    load.loading = false;
    assertThat(publisher.health().get(0).state()).isEqualTo(ListenerHealth.State.OK);
    assertThat(publisher.upToDate("views' columns")).isTrue();
  }

  @Test
  void aBackgroundLoadThatFailsLeavesTheListenerFailedUntilARetryLoadsItAgain() {
    Recording views = new Recording();
    Load load = new Load();
    AtomicInteger rebuilds = new AtomicInteger();
    publisher.register(
        "views' columns",
        views,
        () -> {
          rebuilds.incrementAndGet();
          load.failure = null; // the next load works
        },
        load);

    load.failure = "DuckDB out of memory";
    assertThat(publisher.health().get(0).state())
        .as("shown at once")
        .isEqualTo(ListenerHealth.State.FAILED);
    assertThat(publisher.health().get(0).lastFailure()).isEqualTo("DuckDB out of memory");

    publisher.committed(batch(1));
    assertThat(views.seen).as("behind, so skipped").isEmpty();
    assertThat(rebuilds).as("not before the retry delay").hasValue(0);

    clock.addAndGet(CommitPublisher.RETRY_AFTER.toNanos());
    publisher.committed(batch(2));
    assertThat(rebuilds).hasValue(1);
    assertThat(publisher.health().get(0).state()).isEqualTo(ListenerHealth.State.OK);
    assertThat(publisher.health().get(0).failures()).isEqualTo(1);
  }

  @Test
  void aFailedListenerIsNotUpToDateUntilItsRebuildWorks() {
    Recording index = new Recording();
    boolean[] readable = {false};
    publisher.register(
        "profile index",
        index,
        () -> {
          if (!readable[0]) {
            throw new IllegalStateException("store unreadable");
          }
          index.failing = false;
        });
    index.failing = true;
    publisher.committed(batch(1));

    assertThat(publisher.upToDate("profile index")).isFalse();
    readable[0] = true;
    assertThat(publisher.upToDate("profile index")).as("not before the retry delay").isFalse();
    clock.addAndGet(CommitPublisher.RETRY_AFTER.toNanos());
    assertThat(publisher.upToDate("profile index")).as("rebuilt when asked").isTrue();
  }
}
