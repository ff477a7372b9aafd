package io.touchline.collector.ingest;

/** The write queue is full: the batch was not taken, and the sender should retry later. */
public final class SinkFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SinkFullException(String message) {
    super(message);
  }
}
