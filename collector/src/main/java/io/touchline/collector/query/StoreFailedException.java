package io.touchline.collector.query;

import java.sql.SQLException;

/**
 * The database failed under a query or an erasure. Unchecked, so that JDBC stops at this layer:
 * the API answers it as an internal error without knowing what a {@link SQLException} is. (The
 * store's own {@code StoreException} serves the same purpose for what the store reads itself; its
 * constructor is the store's alone.) The message is the database's, as the API has always shown it.
 */
public final class StoreFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreFailedException(SQLException cause) {
    this(cause.getMessage(), cause);
  }

  public StoreFailedException(String message, SQLException cause) {
    super(message, cause);
  }
}
