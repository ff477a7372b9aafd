package io.touchline.collector.ingest;

/**
 * A batch was not acknowledged and may be sent again: the write queue is full, the store failed, or
 * the collector is shutting down. Transports answer it as retryable (HTTP 503 with {@code
 * Retry-After}, gRPC {@code UNAVAILABLE}).
 */
public final class IngestUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int retryAfterSeconds;

  public IngestUnavailableException(String message, int retryAfterSeconds, Throwable cause) {
    super(message, cause);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** How long the sender should wait before it retries. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
