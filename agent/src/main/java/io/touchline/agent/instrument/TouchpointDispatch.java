package io.touchline.agent.instrument;

/**
 * The one entry point from instrumented application code into the agent. Static because advice
 * is inlined into the application's classes; it catches everything, and it does not record a
 * touchpoint while the agent itself is reading values (a getter that is itself a touchpoint must
 * not emit one because the agent called it).
 */
public final class TouchpointDispatch {

  private static volatile TouchpointHandler[] handlers = new TouchpointHandler[0];
  private static volatile NanoClock clock = NanoClock.SYSTEM;

  private static final ThreadLocal<boolean[]> CAPTURING =
      new ThreadLocal<boolean[]>() {
        @Override
        protected boolean[] initialValue() {
          return new boolean[1];
        }
      };

  private TouchpointDispatch() {}

  static void install(TouchpointHandler[] installed, NanoClock nanoClock) {
    clock = nanoClock;
    handlers = installed.clone();
  }

  public static long start() {
    return clock.now();
  }

  public static void finish(
      int touchpoint,
      String function,
      long startNanos,
      Object self,
      Object[] args,
      Object returned,
      Throwable thrown) {
    TouchpointHandler[] current = handlers;
    if (touchpoint < 0 || touchpoint >= current.length) {
      return;
    }
    boolean[] capturing = CAPTURING.get();
    if (capturing[0]) {
      return;
    }
    capturing[0] = true;
    try {
      long endNanos = clock.now();
      current[touchpoint].handle(function, startNanos, endNanos, self, args, returned, thrown);
    } catch (Throwable e) {
      TouchpointHandler.reportFailure(current[touchpoint], e);
    } finally {
      capturing[0] = false;
    }
  }
}
