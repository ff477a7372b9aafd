package io.touchline.agent.config;

/**
 * A mistake in the agent configuration, with where it is: {@code file:line: field: problem}, so an
 * admin can fix it without reading Java.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  static ConfigException at(ConfigLocation where, String problem) {
    return new ConfigException(where + ": " + problem);
  }
}
