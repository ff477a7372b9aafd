package io.touchline.agent.capture;

/**
 * A touchpoint's optional {@code when}: emit only if the call returned something (or {@code true}),
 * or threw an exception of a given type. Checked on the application thread before anything is read,
 * so a call that does not count costs almost nothing.
 */
public final class EmitCondition {

  /** What the return value must be. */
  public enum Returned {
    ANY,
    NOT_NULL,
    TRUE
  }

  public static final EmitCondition ALWAYS = new EmitCondition(Returned.ANY, null);

  private final Returned returned;
  private final String thrownType;

  public EmitCondition(Returned returned, String thrownType) {
    this.returned = returned;
    this.thrownType = thrownType;
  }

  public boolean test(Object returnValue, Throwable thrown) {
    switch (returned) {
      case NOT_NULL:
        if (thrown != null || returnValue == null) {
          return false;
        }
        break;
      case TRUE:
        if (thrown != null || !Boolean.TRUE.equals(returnValue)) {
          return false;
        }
        break;
      default:
        break;
    }
    return thrownType == null || isA(thrown, thrownType);
  }

  /** By name, up the class chain: the condition's type need not be loadable from the agent. */
  private static boolean isA(Throwable thrown, String typeName) {
    for (Class<?> c = thrown == null ? null : thrown.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(typeName)) {
        return true;
      }
    }
    return false;
  }
}
