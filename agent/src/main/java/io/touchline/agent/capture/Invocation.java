package io.touchline.agent.capture;

/**
 * One finished call of an intercepted method: what the path language can read. Built once per call,
 * after the method returned or threw, so values the method set on its arguments are seen.
 */
public final class Invocation {

  private final Object self;
  private final Object[] args;
  private final Object returned;
  private final Throwable thrown;

  public Invocation(Object self, Object[] args, Object returned, Throwable thrown) {
    this.self = self;
    this.args = args == null ? new Object[0] : args;
    this.returned = returned;
    this.thrown = thrown;
  }

  public Object self() {
    return self;
  }

  public Object arg(int index) {
    return index < args.length ? args[index] : null;
  }

  public Object returned() {
    return returned;
  }

  public Throwable thrown() {
    return thrown;
  }
}
