package io.touchline.agent.config;

import io.touchline.agent.capture.CapturePlan;

/** One configured touchpoint: which methods it intercepts and what it reads from each call. */
public final class TouchpointDefinition {

  private final String name;
  private final String channel;
  private final NamePattern classPattern;
  private final MethodPattern methodPattern;
  private final CapturePlan capture;

  TouchpointDefinition(
      String name,
      String channel,
      NamePattern classPattern,
      MethodPattern methodPattern,
      CapturePlan capture) {
    this.name = name;
    this.channel = channel;
    this.classPattern = classPattern;
    this.methodPattern = methodPattern;
    this.capture = capture;
  }

  /** The touchpoint name, e.g. {@code cart.add}: the span name and {@code touchline.touchpoint}. */
  public String name() {
    return name;
  }

  /** The channel when this touchpoint overrides the application's default; else null. */
  public String channel() {
    return channel;
  }

  public NamePattern classPattern() {
    return classPattern;
  }

  public MethodPattern methodPattern() {
    return methodPattern;
  }

  public CapturePlan capture() {
    return capture;
  }

  @Override
  public String toString() {
    return name + " (" + classPattern + "#" + methodPattern + ")";
  }
}
