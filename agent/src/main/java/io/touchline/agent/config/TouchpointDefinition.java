package io.touchline.agent.config;

import io.touchline.agent.capture.CapturePlan;
import io.touchline.agent.capture.EmitCondition;

/** One configured touchpoint: which methods it intercepts and what it reads from each call. */
public final class TouchpointDefinition {

  private final String location;
  private final String name;
  private final String channel;
  private final NamePattern classPattern;
  private final String subtypeOf;
  private final String annotatedWith;
  private final MethodPattern methodPattern;
  private final String methodAnnotatedWith;
  private final EmitCondition when;
  private final CapturePlan capture;
  private final int maxPerSecond;

  TouchpointDefinition(
      String location,
      String name,
      String channel,
      NamePattern classPattern,
      String subtypeOf,
      String annotatedWith,
      MethodPattern methodPattern,
      String methodAnnotatedWith,
      EmitCondition when,
      CapturePlan capture,
      int maxPerSecond) {
    this.location = location;
    this.name = name;
    this.channel = channel;
    this.classPattern = classPattern;
    this.subtypeOf = subtypeOf;
    this.annotatedWith = annotatedWith;
    this.methodPattern = methodPattern;
    this.methodAnnotatedWith = methodAnnotatedWith;
    this.when = when;
    this.capture = capture;
    this.maxPerSecond = maxPerSecond;
  }

  /** Where the touchpoint is written: {@code file:line}. */
  public String location() {
    return location;
  }

  /** The touchpoint name, e.g. {@code cart.add}: the span name and {@code touchline.touchpoint}. */
  public String name() {
    return name;
  }

  /** The channel when this touchpoint overrides the application's default; else null. */
  public String channel() {
    return channel;
  }

  /** The class name (exact or wildcard); null when the touchpoint selects classes otherwise. */
  public NamePattern classPattern() {
    return classPattern;
  }

  /** A class or interface the matched classes extend or implement; null when not used. */
  public String subtypeOf() {
    return subtypeOf;
  }

  /** An annotation the matched classes carry (or inherit); null when not used. */
  public String annotatedWith() {
    return annotatedWith;
  }

  public MethodPattern methodPattern() {
    return methodPattern;
  }

  /** An annotation the matched methods carry; null when not used. */
  public String methodAnnotatedWith() {
    return methodAnnotatedWith;
  }

  /** When a call counts as a touchpoint; {@link EmitCondition#ALWAYS} unless configured. */
  public EmitCondition when() {
    return when;
  }

  public CapturePlan capture() {
    return capture;
  }

  /** The most calls recorded per second (the rest are counted as rate-limited); 0 for no cap. */
  public int maxPerSecond() {
    return maxPerSecond;
  }

  /**
   * What decides which methods the touchpoint weaves, and its name: two definitions with the same
   * signature weave the same methods the same way, so a reload may swap one for the other without
   * weaving anything again. Keys, attributes, {@code when}, channel and the rate cap are not in it.
   */
  public String matcherSignature() {
    return name
        + "|"
        + classPattern
        + "|"
        + subtypeOf
        + "|"
        + annotatedWith
        + "|"
        + methodPattern
        + "|"
        + methodAnnotatedWith;
  }

  @Override
  public String toString() {
    String classes =
        classPattern != null
            ? classPattern.toString()
            : subtypeOf != null ? "subtypeOf " + subtypeOf : "@" + annotatedWith;
    return name + " (" + classes + "#" + methodPattern + ")";
  }
}
