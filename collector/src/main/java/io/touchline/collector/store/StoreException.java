package io.touchline.collector.store;

/**
 * A database failure, unchecked so that JDBC stops at the store and the layers that read it: the
 * API answers it with a 500 that says so, without knowing what an {@code SQLException} is.
 */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The database's own message, as the API shows it. */
  public StoreException(java.sql.SQLException cause) {
    this(cause.getMessage(), cause);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
