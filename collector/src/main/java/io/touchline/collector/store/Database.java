package io.touchline.collector.store;

import io.touchline.collector.log.CollectorLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBConnection;

/**
 * The embedded DuckDB database in the storage directory: opened once, migrated to the current
 * schema, then shared by one writer connection and any number of reader connections. When DuckDB
 * gives the database up after a fatal error (a checkpoint that could not write the file, say: every
 * connection then fails), {@link #reopen} opens it again once the readers are out.
 */
public final class Database implements AutoCloseable {

  static final String FILE_NAME = "touchline.duckdb";

  /** Counter of erasures made since the database file was last compacted. */
  static final String ERASURES_TO_PURGE = "erasuresToPurge";

  /** How long a reopen waits for the readers' connections to close before it goes on. */
  static final Duration READERS_LEAVE = Duration.ofSeconds(10);

  private final Path file;
  private final String memoryLimit;
  private final String checkpointThreshold;

  // Guarded by this.
  private DuckDBConnection root;
  private int leases;

  /** Read without the lock too: a reader is refused at once, not after the reopen. */
  private volatile boolean reopening;

  private Database(
      Path file, DuckDBConnection root, String memoryLimit, String checkpointThreshold) {
    this.file = file;
    this.root = root;
    this.memoryLimit = memoryLimit;
    this.checkpointThreshold = checkpointThreshold;
  }

  /** Opens (or creates) the database under {@code directory} with a fixed memory limit. */
  public static Database open(Path directory, String memoryLimit) throws IOException, SQLException {
    return open(directory, memoryLimit, "256MB");
  }

  /**
   * The same, folding the write-ahead log into the file once it reaches {@code
   * checkpointThreshold}.
   */
  public static Database open(Path directory, String memoryLimit, String checkpointThreshold)
      throws IOException, SQLException {
    Files.createDirectories(directory);
    Path file = directory.resolve(FILE_NAME);
    Files.deleteIfExists(
        compacting(file)); // a compaction that did not finish; the original is intact
    DuckDBConnection root = connect(file, memoryLimit, checkpointThreshold);
    if (erasuresToPurge(root) > 0) {
      root = compact(root, file, memoryLimit, checkpointThreshold);
    }
    return new Database(file, root, memoryLimit, checkpointThreshold);
  }

  private static DuckDBConnection connect(Path file, String memoryLimit, String checkpointThreshold)
      throws SQLException {
    DuckDBConnection root =
        (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
    try {
      try (Statement statement = root.createStatement()) {
        // Bounded so that a large query cannot take the host's memory; DuckDB spills beyond it.
        // A global setting: every connection duplicated from this one shares it.
        statement.execute("SET memory_limit = '" + memoryLimit.replace("'", "") + "'");
        // Each automatic checkpoint runs inside the commit that crossed the threshold; a larger
        // log means fewer of them (DuckDB's 16MB default halves the ingest rate).
        statement.execute(
            "SET checkpoint_threshold = '" + checkpointThreshold.replace("'", "") + "'");
      }
      Migrations.apply(root);
    } catch (SQLException | RuntimeException e) {
      root.close(); // leave the file free for the next attempt
      throw e;
    }
    return root;
  }

  /** Erasures whose rows may still lie in the file's blocks: a delete only marks rows as gone. */
  private static long erasuresToPurge(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT value FROM counters WHERE name = '" + ERASURES_TO_PURGE + "'")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * Copies the database into a new file and puts it in the old one's place. DuckDB's DELETE only
   * marks rows, and neither a checkpoint nor a rewrite of the table clears the blocks that held
   * them (measured); a copy holds the live rows only, so erased data leaves the disk. Done at
   * start, before anything else uses the file; interrupted, it starts over at the next start.
   */
  private static DuckDBConnection compact(
      DuckDBConnection root, Path file, String memoryLimit, String checkpointThreshold)
      throws IOException, SQLException {
    long start = System.nanoTime();
    long before = Files.size(file);
    Path copy = compacting(file);
    try (Statement statement = root.createStatement()) {
      String name;
      try (ResultSet rs = statement.executeQuery("SELECT current_database()")) {
        rs.next();
        name = rs.getString(1);
      }
      statement.execute(
          "ATTACH '" + copy.toAbsolutePath().toString().replace("'", "''") + "' AS compacted");
      statement.execute("COPY FROM DATABASE \"" + name.replace("\"", "\"\"") + "\" TO compacted");
      statement.execute("DELETE FROM compacted.counters WHERE name = '" + ERASURES_TO_PURGE + "'");
      statement.execute("DETACH compacted");
    } finally {
      root.close();
    }
    Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    CollectorLog.info(
        "compacted the database so that erased touchpoints leave the disk too: "
            + before / (1 << 20)
            + " MB -> "
            + Files.size(file) / (1 << 20)
            + " MB in "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");
    return connect(file, memoryLimit, checkpointThreshold);
  }

  private static Path compacting(Path file) {
    return file.resolveSibling(file.getFileName() + ".compacting");
  }

  /** A new connection to the same database, for one thread's use. */
  public synchronized Connection connect() throws SQLException {
    return root.duplicate();
  }

  /**
   * A reader's connection, which a {@link #reopen} waits for until it is closed. Refused while the
   * database is being reopened: what a reader would read there is gone.
   */
  Lease lease() throws SQLException {
    if (reopening) {
      throw new ReopeningException();
    }
    return leaseLocked();
  }

  private synchronized Lease leaseLocked() throws SQLException {
    if (reopening) {
      throw new ReopeningException();
    }
    Connection connection = root.duplicate();
    leases++;
    return new Lease(connection);
  }

  private synchronized void released() {
    leases--;
    notifyAll();
  }

  /** A reader asked for a connection while the database is being reopened. */
  static final class ReopeningException extends SQLException {
    private static final long serialVersionUID = 1L;

    ReopeningException() {
      super("the database is being reopened after a storage failure; ask again in a moment");
    }
  }

  /** A reader's connection, counted until it is closed (on whichever thread). */
  final class Lease implements AutoCloseable {
    private final Connection connection;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Lease(Connection connection) {
      this.connection = connection;
    }

    Connection connection() {
      return connection;
    }

    @Override
    public void close() throws SQLException {
      if (open.compareAndSet(true, false)) {
        try {
          connection.close();
        } finally {
          released();
        }
      }
    }
  }

  /**
   * Closes the database and opens it again, as after a restart: what was committed is read back
   * from the file and its write-ahead log. For a database DuckDB has given up (every statement then
   * fails with "database has been invalidated"); the caller closes its own connections first. New
   * readers are refused meanwhile, and those still open are waited for, at most {@link
   * #READERS_LEAVE} (on a database given up, their statements fail at once). When opening fails,
   * the next reopen tries again; until then every connection fails.
   */
  public synchronized void reopen() throws SQLException {
    reopening = true;
    try {
      long deadline = System.nanoTime() + READERS_LEAVE.toNanos();
      while (leases > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          CollectorLog.error(
              "reopening the database while " + leases + " readers still hold a connection");
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while the readers closed their connections", e);
        }
      }
      try {
        root.close();
      } catch (SQLException e) {
        // given up already; what matters is the new one
      }
      root = connect(file, memoryLimit, checkpointThreshold);
    } finally {
      reopening = false;
    }
  }

  /** The database file and its write-ahead log, in bytes; 0 for what cannot be read. */
  public long sizeInBytes() {
    return sizeOf(file) + sizeOf(file.resolveSibling(file.getFileName() + ".wal"));
  }

  private static long sizeOf(Path path) {
    try {
      return Files.exists(path) ? Files.size(path) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  public Path file() {
    return file;
  }

  /** Writes the WAL into the database file, so a restart finds everything in place. */
  public synchronized void checkpoint() throws SQLException {
    try (Statement statement = root.createStatement()) {
      statement.execute("CHECKPOINT");
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    root.close();
  }
}
