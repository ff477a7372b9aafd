package io.touchline.collector.config;

/** A config mistake, with its place: {@code file:line: field: problem}. */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
