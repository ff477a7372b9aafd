package io.touchline.collector.ingest;

/**
 * The sink cannot write at the moment: its storage failed (a full disk, say) and is not tried again
 * before a pause. The batch was not taken; the sender should retry after {@link
 * #retryAfterSeconds}.
 */
public final class SinkFailingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int retryAfterSeconds;

  public SinkFailingException(String message, int retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
