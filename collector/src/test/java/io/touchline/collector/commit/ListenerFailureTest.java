package io.touchline.collector.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.ingest.TranslatedBatch;
import io.touchline.collector.model.CommittedBatch;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.ErasedTouchpoints;
import io.touchline.collector.model.KeyHashes;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.stitch.ProfileIndex;
import io.touchline.collector.store.CommitListener;
import io.touchline.collector.store.Database;
import io.touchline.collector.store.TouchpointStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener that throws on a real store's commit: the commit stands, the listeners after it are
 * told, and a listener that fell behind is rebuilt from the store with everything committed.
 */
class ListenerFailureTest {

  private static final long T0 = 1_764_000_000_000_000_000L;

  @TempDir Path dir;
  private Database database;
  private TouchpointStore store;

  @AfterEach
  void close() throws Exception {
    store.close();
    database.close();
  }

  private static TranslatedBatch batch(int i, String email) {
    Touchpoint touchpoint =
        new Touchpoint(
            String.format("%032x", i + 1),
            String.format("%016x", i + 1),
            T0 + i,
            "login",
            "web",
            "web-shop",
            "success",
            Map.of("email", List.of(email)),
            Map.of());
    return new TranslatedBatch(List.of(new TranslatedBatch.Read(touchpoint, 0)), 0, 0, 0, "");
  }

  private long[] profileOf(ProfileIndex index, String email) {
    return index.lookup().touchpointsOf(KeyHashes.fingerprint(new CustomerKey("email", email)));
  }

  @Test
  void theProfileIndexFailingOnACommitIsRebuiltWithThatCommitAndTheOthersGoOn() throws Exception {
    database = Database.open(dir.resolve("data"), "256MB");
    store = new TouchpointStore(database);
    ProfileIndex index = new ProfileIndex(KeyTypes.defaults(), ProfileIndexFeed.source(store));
    ProfileIndexFeed feed = new ProfileIndexFeed(index, store, Thread::new);
    boolean[] failNext = {false};
    CommitListener flaky =
        new CommitListener() {
          @Override
          public void committed(CommittedBatch batch) {
            if (failNext[0]) {
              failNext[0] = false;
              throw new IllegalStateException("index bug");
            }
            feed.committed(batch);
          }

          @Override
          public void erased(ErasedTouchpoints erased) {
            feed.erased(erased);
          }
        };
    int[] liveSeen = {0};
    CommitPublisher listeners = new CommitPublisher();
    listeners.register("profile index", flaky, feed::rebuild);
    listeners.register(
        "live feed",
        new CommitListener() {
          @Override
          public void committed(CommittedBatch batch) {
            liveSeen[0] += batch.size();
          }

          @Override
          public void erased(ErasedTouchpoints erased) {}
        },
        () -> {});
    store.publishTo(listeners);
    feed.rebuild();

    store.write(batch(0, "ann@example.com"));
    failNext[0] = true;
    store.write(
        batch(1, "ann@example.com")); // the index throws on this one: the write still succeeds
    store.write(batch(2, "bob@example.com"));

    assertThat(profileOf(index, "ann@example.com"))
        .as("the failed commit's touchpoint, read back by the rebuild")
        .hasSize(2);
    assertThat(profileOf(index, "bob@example.com")).hasSize(1);
    assertThat(liveSeen[0]).as("the live feed after it missed nothing").isEqualTo(3);
    ListenerHealth health = listeners.health().get(0);
    assertThat(health.state()).isEqualTo(ListenerHealth.State.OK);
    assertThat(health.failures()).isEqualTo(1);
    assertThat(health.lastFailure()).contains("index bug");
  }
}
