package io.touchline.collector.erase;

/**
 * An erasure (or its dry run) cannot be planned now: the profile index it plans from is behind the
 * store, so it could miss some of the customer's touchpoints. The API answers 503 with a retry
 * delay; nothing was erased.
 */
public final class ErasureUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ErasureUnavailableException(String message) {
    super(message);
  }
}
