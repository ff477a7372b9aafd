package io.touchline.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code inlined into every intercepted method. It only hands over to {@link TouchpointDispatch};
 * {@code suppress = Throwable.class} means nothing the agent does can change what the method
 * returns or throws.
 */
public final class TouchpointAdvice {

  private TouchpointAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static int enter(
      @TouchpointId int touchpoint,
      @Advice.This(optional = true) Object self,
      @Advice.Origin("#t.#m#d") String method) {
    return TouchpointDispatch.enter(self, method, touchpoint);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @TouchpointId int touchpoint,
      @Advice.Origin("#t.#m") String function,
      @Advice.Enter int enteredFrame,
      @Advice.This(optional = true) Object self,
      @Advice.AllArguments Object[] args,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    TouchpointDispatch.finish(touchpoint, function, enteredFrame, self, args, returned, thrown);
  }
}
