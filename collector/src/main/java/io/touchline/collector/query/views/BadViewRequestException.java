package io.touchline.collector.query.views;

/**
 * A view was asked with a name it cannot use (an attribute no stored touchpoint has, one with too
 * many distinct values, one past the attributes kept): the request is at fault, and the message
 * says which of its parts and why.
 */
public final class BadViewRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BadViewRequestException(String message) {
    super(message);
  }
}
