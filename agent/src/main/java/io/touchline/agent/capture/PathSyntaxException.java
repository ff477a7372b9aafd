package io.touchline.agent.capture;

/** A path expression that does not parse; the message says what and at which character. */
public final class PathSyntaxException extends Exception {

  private static final long serialVersionUID = 1L;

  PathSyntaxException(String expression, int position, String problem) {
    super("invalid path '" + expression + "' at character " + (position + 1) + ": " + problem);
  }
}
