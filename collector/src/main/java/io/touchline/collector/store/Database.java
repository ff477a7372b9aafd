package io.touchline.collector.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * The embedded DuckDB database in the storage directory: opened once, migrated to the current
 * schema, then shared by one writer connection and any number of reader connections.
 */
public final class Database implements AutoCloseable {

  static final String FILE_NAME = "touchline.duckdb";

  private final Path file;
  private final DuckDBConnection root;

  private Database(Path file, DuckDBConnection root) {
    this.file = file;
    this.root = root;
  }

  /** Opens (or creates) the database under {@code directory} with a fixed memory limit. */
  public static Database open(Path directory, String memoryLimit) throws IOException, SQLException {
    return open(directory, memoryLimit, "256MB");
  }

  /** The same, folding the write-ahead log into the file once it reaches {@code checkpointThreshold}. */
  public static Database open(Path directory, String memoryLimit, String checkpointThreshold)
      throws IOException, SQLException {
    Files.createDirectories(directory);
    Path file = directory.resolve(FILE_NAME);
    DuckDBConnection root =
        (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
    try {
      try (Statement statement = root.createStatement()) {
        // Bounded so that a large query cannot take the host's memory; DuckDB spills beyond it.
        // A global setting: every connection duplicated from this one shares it.
        statement.execute("SET memory_limit = '" + memoryLimit.replace("'", "") + "'");
        // Each automatic checkpoint runs inside the commit that crossed the threshold; a larger
        // log means fewer of them (DuckDB's 16MB default halves the ingest rate).
        statement.execute("SET checkpoint_threshold = '" + checkpointThreshold.replace("'", "") + "'");
      }
      Migrations.apply(root);
    } catch (SQLException | RuntimeException e) {
      root.close(); // leave the file free for the next attempt
      throw e;
    }
    return new Database(file, root);
  }

  /** A new connection to the same database, for one thread's use. */
  public Connection connect() throws SQLException {
    return root.duplicate();
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
  public void checkpoint() throws SQLException {
    try (Statement statement = root.createStatement()) {
      statement.execute("CHECKPOINT");
    }
  }

  @Override
  public void close() throws SQLException {
    root.close();
  }
}
