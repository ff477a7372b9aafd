package io.touchline.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchline.collector.ingest.TranslatedBatch;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.ProfileIndex;
import io.touchline.collector.testing.IndexedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store against a real DuckDB file. */
class TouchpointStoreTest {

  private static final long T0 = 1_764_000_000_123_456_789L; // 2025-11-24T16:00:00.123456789Z

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  private Database database;
  private TouchpointStore store;
  private IndexedStore indexed;

  private void open() throws Exception {
    database = Database.open(dir.resolve("data"), "256MB");
    store = new TouchpointStore(database);
    indexed = IndexedStore.over(store);
  }

  /** As the collector closes: writer, checkpoint, database. */
  private void closeCleanly() throws SQLException {
    store.close();
    database.checkpoint();
    database.close();
    store = null;
    database = null;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
    if (database != null) {
      closeCleanly();
    }
  }

  private static Touchpoint touchpoint(
      String traceId, String spanId, long nanos, Map<String, List<String>> keys) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("code.function.name", "com.acme.shop.Checkout.place");
    attributes.put("order.total", 42.5);
    attributes.put("order.items", 3L);
    attributes.put("gift", true);
    attributes.put("tags", List.of("a", "b"));
    return new Touchpoint(
        traceId, spanId, nanos, "order.placed", "web", "web-shop", "success", keys, attributes);
  }

  private static TranslatedBatch batch(
      long placeholdersOnOtherSpans, long nonTouchpoints, TranslatedBatch.Read... reads) {
    return new TranslatedBatch(List.of(reads), nonTouchpoints, placeholdersOnOtherSpans, 0, "");
  }

  private static TranslatedBatch.Read read(Touchpoint touchpoint, int placeholders) {
    return new TranslatedBatch.Read(touchpoint, placeholders);
  }

  private StoreReader reader() throws SQLException {
    StoreReader reader = store.reader();
    open.add(reader);
    return reader;
  }

  private long count(String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void createsTheDatabaseFileInsideTheStorageDirectory() throws Exception {
    open();
    assertThat(database.file()).isEqualTo(dir.resolve("data").resolve("touchline.duckdb"));
    assertThat(Files.isRegularFile(database.file())).isTrue();
  }

  @Test
  void keepsTouchpointsAcrossRestart() throws Exception {
    open();
    Touchpoint stored =
        touchpoint(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            T0,
            Map.of("email", List.of("ann@example.com")));
    store.write(batch(1, 2, read(stored, 1)));
    closeCleanly();

    open();
    StoreReader reader = reader();
    assertThat(indexed.profileTouchpoints(new CustomerKey("email", "ann@example.com")))
        .as("the profile index is rebuilt from the store")
        .containsExactly(stored);
    assertThat(reader.counter("placeholdersDropped")).isEqualTo(2);
    assertThat(reader.counter("nonTouchpointSpans")).isEqualTo(2);
  }

  @Test
  void keepsAttributesWithTheirTypes() throws Exception {
    open();
    Touchpoint stored =
        touchpoint("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", T0, Map.of());
    store.write(batch(0, 0, read(stored, 0)));
    Map<String, Object> attributes =
        reader().touchpointsBySequence(new long[] {1}).get(0).attributes();
    assertThat(attributes)
        .containsEntry("order.total", 42.5)
        .containsEntry("order.items", 3L)
        .containsEntry("gift", true)
        .containsEntry("tags", List.of("a", "b"));
  }

  @Test
  void storesEventTimeAsUtcTimestampAndKeepsTheNanos() throws Exception {
    open();
    store.write(
        batch(
            0,
            0,
            read(
                touchpoint("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", T0, Map.of()),
                0)));
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT strftime(event_time, '%Y-%m-%dT%H:%M:%S.%f'), event_nanos FROM touchpoints")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("2025-11-24T16:00:00.123456");
      assertThat(rs.getLong(2)).isEqualTo(T0);
    }
  }

  @Test
  void aDuplicateTraceAndSpanIdChangesNothing() throws Exception {
    open();
    Touchpoint first =
        touchpoint(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            T0,
            Map.of("session", List.of("s-1")));
    Touchpoint sameIds =
        touchpoint(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            T0 + 5,
            Map.of("session", List.of("s-2")));
    store.write(batch(0, 0, read(first, 1)));
    store.write(batch(0, 0, read(first, 1))); // an OTLP retry of the same batch
    store.write(
        batch(0, 0, read(sameIds, 1), read(sameIds, 1))); // and a duplicate within one batch

    assertThat(count("SELECT count(*) FROM touchpoints")).isEqualTo(1);
    assertThat(count("SELECT sum(len(key_fingerprints)) FROM touchpoints")).isEqualTo(1);
    assertThat(indexed.profileTouchpoints(new CustomerKey("session", "s-2"))).isEmpty();
    assertThat(indexed.profileTouchpoints(new CustomerKey("session", "s-1")))
        .containsExactly(first);
    assertThat(reader().counter("placeholdersDropped")).isEqualTo(1);
    closeCleanly();
    open();
    store.write(batch(0, 0, read(sameIds, 1))); // after a restart, the stored span is still known
    assertThat(count("SELECT count(*) FROM touchpoints")).isEqualTo(1);
    assertThat(indexed.index().lookup().census().keyedTouchpoints()).isEqualTo(1);
  }

  @Test
  void findsConnectedKeysThroughSharedTouchpoints() throws Exception {
    open();
    store.write(
        batch(
            0,
            0,
            read(
                touchpoint(
                    "00000000000000000000000000000001",
                    "0000000000000001",
                    T0,
                    Map.of("session", List.of("s-1"))),
                0),
            read(
                touchpoint(
                    "00000000000000000000000000000002",
                    "0000000000000002",
                    T0 + 1,
                    Map.of("email", List.of("a@x.io"), "session", List.of("s-1"))),
                0)));
    assertThat(indexed.profileTouchpoints(new CustomerKey("email", "a@x.io")))
        .extracting(Touchpoint::spanId)
        .containsExactly("0000000000000001", "0000000000000002");
    assertThat(indexed.index().lookup().census())
        .isEqualTo(new ProfileIndex.Census(1, 2, 0, 0, 0, 0, 0));
    assertThat(count("SELECT count(*) FROM touchpoints")).isEqualTo(2);
  }

  @Test
  void countsTouchpointsWithoutKeysAsUnattributed() throws Exception {
    open();
    store.write(
        batch(
            0,
            0,
            read(
                touchpoint("00000000000000000000000000000001", "0000000000000001", T0, Map.of()),
                0)));
    assertThat(indexed.index().lookup().census().unattributed()).isEqualTo(1);
    closeCleanly();
    open();
    assertThat(indexed.index().lookup().census().unattributed()).as("after a rebuild").isEqualTo(1);
  }

  @Test
  void recordsTheSchemaVersionAndMigratesOnlyOnce() throws Exception {
    open();
    closeCleanly();
    open();
    assertThat(count("SELECT max(version) FROM schema_version")).isEqualTo(Migrations.latest());
    assertThat(count("SELECT count(*) FROM schema_version")).isEqualTo(Migrations.latest());
  }

  @Test
  void keepsTheErasuresRecordedBeforeTokensWereNamedWithoutAName() throws Exception {
    Path directory = dir.resolve("data");
    Files.createDirectories(directory);
    try (Connection old =
            java.sql.DriverManager.getConnection(
                "jdbc:duckdb:" + directory.resolve(Database.FILE_NAME));
        Statement statement = old.createStatement()) {
      Migrations.applyUpTo(old, 5);
      statement.execute(
          "INSERT INTO erasures VALUES (make_timestamp(1000000), 'email', 'p_1', 4, 3, 1)");
    }
    open();
    assertThat(reader().erasures())
        .containsExactly(
            new ErasureRecord(java.time.Instant.ofEpochSecond(1), "email", "p_1", 4, 3, 1, null));
  }

  @Test
  void refusesADatabaseFromANewerCollector() throws Exception {
    open();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO schema_version VALUES (" + (Migrations.latest() + 1) + ")");
    }
    closeCleanly();
    assertThatThrownBy(this::open).hasMessageContaining("newer than this collector's");
  }

  @Test
  void setsAnExplicitMemoryLimitForEveryConnection() throws Exception {
    open();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_setting('memory_limit')")) {
      rs.next();
      assertThat(rs.getString(1)).matches("2[0-9]{2}(\\.[0-9]+)? MiB");
    }
  }

  @Test
  void retentionDeletesOldTouchpointsWithTheirKeys() throws Exception {
    open();
    long day = 86_400_000_000_000L;
    Touchpoint old =
        touchpoint(
            "00000000000000000000000000000001",
            "0000000000000001",
            T0,
            Map.of("email", List.of("old@example.com")));
    Touchpoint recent =
        touchpoint(
            "00000000000000000000000000000002",
            "0000000000000002",
            T0 + 10 * day,
            Map.of("email", List.of("new@example.com")));
    store.write(batch(0, 0, read(old, 0), read(recent, 0)));

    long deleted = indexed.deleteOlderThan(java.time.Instant.ofEpochSecond(0, T0 + day));

    assertThat(deleted).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM touchpoints")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM touchpoints WHERE doc LIKE '%old@example.com%'"))
        .isZero();
    assertThat(count("SELECT count(*) FROM touchpoints WHERE doc LIKE '%new@example.com%'"))
        .isEqualTo(1);
    assertThat(indexed.profileTouchpoints(new CustomerKey("email", "old@example.com")))
        .as("gone from the index too")
        .isEmpty();
    assertThat(indexed.profileTouchpoints(new CustomerKey("email", "new@example.com"))).hasSize(1);
  }

  @Test
  void aGroupOfBatchesIsOneTransaction() throws Exception {
    open();
    Touchpoint first =
        touchpoint(
            "00000000000000000000000000000001",
            "0000000000000001",
            T0,
            Map.of("session", List.of("s1")));
    Touchpoint second =
        touchpoint(
            "00000000000000000000000000000002",
            "0000000000000002",
            T0,
            Map.of("session", List.of("s2")));
    store.write(List.of(batch(0, 1, read(first, 1)), batch(2, 0, read(second, 0), read(first, 1))));

    assertThat(count("SELECT count(*) FROM touchpoints")).isEqualTo(2);
    assertThat(count("SELECT sum(len(key_fingerprints)) FROM touchpoints")).isEqualTo(2);
    assertThat(count("SELECT value FROM counters WHERE name = 'placeholdersDropped'"))
        .as("placeholders of the stored touchpoints, counted once, plus those of other spans")
        .isEqualTo(3);
  }

  @Test
  void aGroupThatFailsBeforeItsCommitLeavesNothingBehind() throws Exception {
    open();
    Touchpoint first =
        touchpoint(
            "00000000000000000000000000000001",
            "0000000000000001",
            T0,
            Map.of("session", List.of("s1")));
    // The counters' update comes after the rows are appended; without its table it fails.
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE counters RENAME TO counters_away");
    }
    assertThatThrownBy(() -> store.write(batch(0, 1, read(first, 0))))
        .isInstanceOf(SQLException.class);
    assertThat(count("SELECT count(*) FROM touchpoints"))
        .as("the appended rows went with the failed transaction")
        .isZero();

    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE counters_away RENAME TO counters");
    }
    Touchpoint second =
        touchpoint(
            "00000000000000000000000000000002",
            "0000000000000002",
            T0,
            Map.of("session", List.of("s2")));
    store.write(batch(0, 1, read(first, 0)));
    store.write(batch(0, 0, read(second, 0)));
    assertThat(count("SELECT count(*) FROM touchpoints")).isEqualTo(2);
    assertThat(count("SELECT count(DISTINCT seq) FROM touchpoints"))
        .as("no sequence number handed out twice")
        .isEqualTo(2);
    assertThat(count("SELECT value FROM counters WHERE name = 'nonTouchpointSpans'"))
        .as("the retried batch counted once")
        .isEqualTo(1);
  }

  @Test
  void migratesADatabaseOfTheFirstSchemaWithItsData() throws Exception {
    Path directory = dir.resolve("data");
    Files.createDirectories(directory);
    try (Connection old =
            java.sql.DriverManager.getConnection(
                "jdbc:duckdb:" + directory.resolve(Database.FILE_NAME));
        Statement statement = old.createStatement()) {
      Migrations.applyUpTo(old, 2);
      statement.execute(
          "INSERT INTO touchpoints VALUES ('00000000000000000000000000000002', '0000000000000002', 2000, make_timestamp(2),"
              + " 'order.placed', 'web', 'shop', 'success', '{}'),"
              + " ('00000000000000000000000000000001', '0000000000000001', 1000, make_timestamp(1),"
              + " 'login', 'web', 'shop', 'success', '{\"customer.tier\":\"gold\"}')");
      String email =
          io.touchline.collector.model.KeyHashes.keyHash(
              new CustomerKey("email", "ann@example.com"));
      String session =
          io.touchline.collector.model.KeyHashes.keyHash(new CustomerKey("session", "s-1"));
      statement.execute(
          "INSERT INTO touchpoint_keys VALUES"
              + " ('00000000000000000000000000000001', '0000000000000001', 'email', 'ann@example.com', '"
              + email
              + "'),"
              + " ('00000000000000000000000000000001', '0000000000000001', 'session', 's-1', '"
              + session
              + "'),"
              + " ('00000000000000000000000000000002', '0000000000000002', 'session', 's-1', '"
              + session
              + "')");
    }

    open();

    assertThat(count("SELECT max(version) FROM schema_version")).isEqualTo(Migrations.latest());
    assertThat(count("SELECT len(key_fingerprints) FROM touchpoints WHERE seq = 1"))
        .as("numbered in event order")
        .isEqualTo(2);
    assertThat(indexed.index().lookup().census())
        .isEqualTo(new ProfileIndex.Census(1, 2, 0, 0, 0, 0, 0));
    assertThat(indexed.profileTouchpoints(new CustomerKey("email", "ann@example.com")))
        .extracting(Touchpoint::touchpoint)
        .containsExactly("login", "order.placed");
    store.write(
        batch(
            0,
            0,
            read(
                touchpoint(
                    "00000000000000000000000000000003",
                    "0000000000000003",
                    3000,
                    Map.of("session", List.of("s-1"))),
                0)));
    assertThat(count("SELECT max(seq) FROM touchpoints"))
        .as("new sequence numbers follow the migrated ones")
        .isEqualTo(3);
  }
}
