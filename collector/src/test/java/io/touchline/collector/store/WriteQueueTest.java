package io.touchline.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchline.collector.ingest.SinkFullException;
import io.touchline.collector.ingest.TranslatedBatch;
import io.touchline.collector.model.Touchpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write queue against a real DuckDB file: bounded, grouped, drained on close. */
class WriteQueueTest {

  @TempDir Path dir;
  private Database database;
  private TouchpointStore store;
  private WriteQueue queue;
  private final AtomicInteger commits = new AtomicInteger();
  private int nextSpan = 1;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir, "256MB");
    store = new TouchpointStore(database);
  }

  @AfterEach
  void close() throws Exception {
    queue.close();
    store.close();
    database.close();
  }

  private TranslatedBatch batch(int touchpoints) {
    List<TranslatedBatch.Read> reads = new ArrayList<>();
    for (int i = 0; i < touchpoints; i++) {
      String span = String.format("%016x", nextSpan++);
      Touchpoint touchpoint =
          new Touchpoint(
              "0af7651916cd43dd8448eb211c80319c",
              span,
              1_700_000_000_000_000_000L,
              "visit",
              "web",
              "shop",
              "success",
              Map.of("session", List.of("s-" + span)),
              Map.of());
      reads.add(new TranslatedBatch.Read(touchpoint, 0));
    }
    return new TranslatedBatch(reads, 0, 0, 0, "");
  }

  private long stored() throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM touchpoints")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void refusesABatchWhenTheQueueIsFullAndTakesItAgainOnceDrained() throws Exception {
    queue = new WriteQueue(store, 10, 10_000, nanos -> commits.incrementAndGet());
    CompletableFuture<Void> first;
    CompletableFuture<Void> second;
    // Holding the store's lock holds the writer inside its first commit.
    synchronized (store) {
      first = queue.submit(batch(8));
      second = queue.submit(batch(2));
      assertThatThrownBy(() -> queue.submit(batch(1)))
          .isInstanceOf(SinkFullException.class)
          .hasMessageContaining("write queue is full (10 spans waiting)");
      assertThat(queue.queuedSpans()).isEqualTo(10);
    }
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    assertThat(queue.queuedSpans()).isZero();
    queue.submit(batch(1)).get(10, TimeUnit.SECONDS);
    assertThat(stored()).isEqualTo(11);
  }

  @Test
  void anOversizedBatchIsTakenWhenNothingWaits() throws Exception {
    queue = new WriteQueue(store, 10, 10_000, nanos -> commits.incrementAndGet());
    queue.submit(batch(25)).get(10, TimeUnit.SECONDS);
    assertThat(stored()).isEqualTo(25);
  }

  @Test
  void batchesWaitingTogetherAreCommittedInOneTransaction() throws Exception {
    queue = new WriteQueue(store, 100_000, 10_000, nanos -> commits.incrementAndGet());
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    CompletableFuture<Void> head;
    synchronized (store) {
      head = queue.submit(batch(1)); // the writer takes this one and waits for the lock
      for (int i = 0; i < 20; i++) {
        waiting.add(queue.submit(batch(5)));
      }
    }
    head.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<Void> batch : waiting) {
      batch.get(10, TimeUnit.SECONDS);
    }
    assertThat(stored()).isEqualTo(101);
    // The head may have been taken alone or with the first few; the rest waited and went together.
    assertThat(commits.get()).as("21 batches in at most two transactions").isBetween(1, 2);
  }

  @Test
  void closeCommitsWhatIsQueuedAndThenRefuses() throws Exception {
    queue = new WriteQueue(store, 100_000, 10_000, nanos -> commits.incrementAndGet());
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      waiting.add(queue.submit(batch(3)));
    }
    queue.close();
    for (CompletableFuture<Void> batch : waiting) {
      assertThat(batch).isCompleted();
      batch.get(); // committed, not failed
    }
    assertThat(stored()).isEqualTo(30);
    assertThatThrownBy(() -> queue.submit(batch(1)))
        .isInstanceOf(SinkFullException.class)
        .hasMessageContaining("shutting down");
  }
}
