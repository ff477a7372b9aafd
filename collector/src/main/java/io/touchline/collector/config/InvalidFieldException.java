package io.touchline.collector.config;

/**
 * A field whose value is out of bounds; thrown while binding, turned into file:line by the loader.
 */
final class InvalidFieldException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;
  private final String field;

  InvalidFieldException(String field, String problem) {
    super(problem);
    this.field = field;
  }

  /** The dotted path, e.g. {@code api.port}. */
  String field() {
    return field;
  }
}
