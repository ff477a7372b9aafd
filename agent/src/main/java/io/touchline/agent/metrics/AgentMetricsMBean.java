package io.touchline.agent.metrics;

/**
 * The agent's figures as JMX shows them, under {@code io.touchline:type=Agent} (jconsole, VisualVM,
 * a JMX exporter): what an ops team checks when touchpoints do not arrive.
 */
public interface AgentMetricsMBean {

  /**
   * The {@code version} of the config in use (every span carries it as {@code
   * touchline.config.version}).
   */
  String getConfigVersion();

  /** Classes woven so far. */
  long getMatchedClasses();

  /** Distinct methods given a touchpoint's advice. */
  long getInstrumentedMethods();

  /** Touchpoint spans the collector accepted. */
  long getEmitted();

  /** Touchpoints lost: the export queue was full, or the collector could not be reached in time. */
  long getDropped();

  /** Calls not recorded because their touchpoint reached its {@code maxPerSecond}. */
  long getRateLimited();

  /** Values that could not be read (a getter threw) and touchpoints whose capture failed. */
  long getCaptureFailures();
}
