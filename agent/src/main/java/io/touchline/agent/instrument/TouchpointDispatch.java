package io.touchline.agent.instrument;

import java.util.concurrent.CompletionStage;

/**
 * The one entry point from instrumented application code into the agent. Static because advice is
 * inlined into the application's classes; it catches everything, and it does not record a
 * touchpoint while the agent itself is reading values (a getter that is itself a touchpoint must
 * not emit one because the agent called it).
 */
public final class TouchpointDispatch {

  private static volatile TouchpointHandler[] handlers = new TouchpointHandler[0];
  private static volatile NanoClock clock = NanoClock.SYSTEM;

  /** Per thread: the calls in progress, and whether the agent itself is reading values. */
  private static final class ThreadState {
    final CallStack calls = new CallStack();
    boolean capturing;
  }

  private static final ThreadLocal<ThreadState> STATE =
      new ThreadLocal<ThreadState>() {
        @Override
        protected ThreadState initialValue() {
          return new ThreadState();
        }
      };

  private TouchpointDispatch() {}

  static void install(TouchpointHandler[] installed, NanoClock nanoClock) {
    clock = nanoClock;
    handlers = installed.clone();
  }

  /**
   * A touchpoint's method is entered. Returns its frame's number plus one: 0, what the advice
   * returns when this throws, then means "not entered".
   */
  public static int enter(Object self, String method, int touchpoint) {
    return STATE.get().calls.push(clock.now(), self, method, touchpoint) + 1;
  }

  public static void finish(
      int touchpoint,
      String function,
      int enteredFrame,
      Object self,
      Object[] args,
      Object returned,
      Throwable thrown) {
    ThreadState state = STATE.get();
    int frame = enteredFrame - 1;
    if (!state.calls.holds(frame)) {
      return; // its entry was not recorded: no start time, no ids
    }
    CallStack calls = state.calls;
    // Read out before the frame is left: a getter the capture calls may enter a frame in its place.
    long startNanos = calls.startNanos(frame);
    long traceHigh = calls.traceHigh(frame);
    long traceLow = calls.traceLow(frame);
    long spanId = calls.spanId(frame);
    long parentSpanId = calls.parentSpanId(frame);
    TouchpointHandler[] current = handlers;
    TouchpointHandler handler;
    try {
      boolean takenInside = calls.covered(frame);
      calls.coverEnclosing(frame);
      // An idle slot (its touchpoint switched off or removed by a reload) records nothing.
      if (takenInside
          || touchpoint < 0
          || touchpoint >= current.length
          || (handler = current[touchpoint]) == null
          || state.capturing) {
        return;
      }
    } finally {
      calls.popTo(frame);
    }
    if (thrown == null && returned instanceof CompletionStage) {
      try {
        // Not capturing yet: a future that is already complete records at once, on this thread.
        handler.awaitCompletion(
            function,
            new SpanIds(traceHigh, traceLow, spanId, parentSpanId),
            startNanos,
            self,
            args,
            (CompletionStage<?>) returned);
      } catch (Throwable e) {
        TouchpointHandler.reportFailure(handler, e);
      }
      return;
    }
    state.capturing = true;
    try {
      handler.record(
          function,
          traceHigh,
          traceLow,
          spanId,
          parentSpanId,
          startNanos,
          clock.now(),
          self,
          args,
          returned,
          thrown);
    } catch (Throwable e) {
      TouchpointHandler.reportFailure(handler, e);
    } finally {
      state.capturing = false;
    }
  }

  /**
   * A touchpoint's future completed (on whichever thread completed it): records the call with the
   * completed value, as {@link #finish} does for a plain return.
   */
  static void completed(
      TouchpointHandler handler,
      String function,
      SpanIds ids,
      long startNanos,
      Object self,
      Object[] args,
      Object value,
      Throwable error) {
    ThreadState state = STATE.get();
    if (state.capturing) {
      return;
    }
    state.capturing = true;
    try {
      handler.record(
          function,
          ids.traceHigh,
          ids.traceLow,
          ids.spanId,
          ids.parentSpanId,
          startNanos,
          clock.now(),
          self,
          args,
          value,
          error);
    } catch (Throwable e) {
      TouchpointHandler.reportFailure(handler, e);
    } finally {
      state.capturing = false;
    }
  }
}
