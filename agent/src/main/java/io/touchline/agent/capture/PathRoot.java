package io.touchline.agent.capture;

/** Where a path starts: an argument, the receiver, the return value or the thrown exception. */
public final class PathRoot {

  /** The kinds of root the language knows. */
  public enum Kind {
    ARGUMENT,
    THIS,
    RETURN,
    THROWN
  }

  private final Kind kind;
  private final int argumentIndex;

  private PathRoot(Kind kind, int argumentIndex) {
    this.kind = kind;
    this.argumentIndex = argumentIndex;
  }

  static PathRoot argument(int index) {
    return new PathRoot(Kind.ARGUMENT, index);
  }

  static PathRoot of(Kind kind) {
    return new PathRoot(kind, -1);
  }

  public Kind kind() {
    return kind;
  }

  int argumentIndex() {
    return argumentIndex;
  }

  Object read(Invocation invocation) {
    switch (kind) {
      case ARGUMENT:
        return invocation.arg(argumentIndex);
      case THIS:
        return invocation.self();
      case RETURN:
        return invocation.returned();
      case THROWN:
        return invocation.thrown();
      default:
        throw new AssertionError(kind);
    }
  }
}
