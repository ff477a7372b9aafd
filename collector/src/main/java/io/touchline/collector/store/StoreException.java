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

  /**
   * Whether the database could not be read for a while rather than for good: it is being reopened
   * after a storage failure, or DuckDB has just given it up and the reopen has not begun. Asking
   * again in a few seconds is the answer, not a bug report.
   */
  public boolean unavailableForNow() {
    for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof Database.ReopeningException
          || String.valueOf(cause.getMessage()).contains("database has been invalidated")) {
        return true;
      }
    }
    return false;
  }
}
