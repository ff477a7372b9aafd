package io.touchline.collector.web;

/** A request the API cannot answer, with the status that says whose fault it is. */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int status;

  ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
