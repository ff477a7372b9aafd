package io.touchline.collector.store;

/** A database failure while reading; the API answers it with a 500 that says so. */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
