package io.touchline.agent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code Premain-Class} and {@code Agent-Class}. It does almost nothing itself: everything,
 * including every failure, is handled by {@link AgentInstaller}, so the host application starts
 * whatever happens here.
 */
public final class TouchlineAgent {

  private TouchlineAgent() {}

  /** {@code -javaagent:touchline-agent.jar=config=/etc/touchline/agent.yaml}. */
  public static void premain(String arguments, Instrumentation instrumentation) {
    AgentInstaller.installSafely(arguments, instrumentation);
  }

  /** Attached to a running JVM. */
  public static void agentmain(String arguments, Instrumentation instrumentation) {
    AgentInstaller.installSafely(arguments, instrumentation);
  }
}
