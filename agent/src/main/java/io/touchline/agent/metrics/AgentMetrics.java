package io.touchline.agent.metrics;

import io.touchline.agent.log.AgentLog;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The agent's self-metrics, for its log lines and as a JMX MBean. */
public final class AgentMetrics implements AgentMetricsMBean {

  public static final String OBJECT_NAME = "io.touchline:type=Agent";

  private volatile String configVersion;
  private final LongSupplier emitted;
  private final LongSupplier dropped;
  private final AtomicBoolean registered = new AtomicBoolean();

  /**
   * @param emitted spans the collector accepted, as the export pipeline counts them
   * @param dropped touchpoints the export pipeline lost
   */
  public AgentMetrics(String configVersion, LongSupplier emitted, LongSupplier dropped) {
    this.configVersion = configVersion;
    this.emitted = emitted;
    this.dropped = dropped;
  }

  /**
   * Registers the MBean with the platform MBean server. Not in premain: creating that server starts
   * java.util.logging, which an application server may still be about to replace; the export thread
   * calls this when the first touchpoint comes, once the application runs.
   */
  public void register() {
    if (!registered.compareAndSet(false, true)) {
      return;
    }
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      server.registerMBean(this, new ObjectName(OBJECT_NAME));
    } catch (InstanceAlreadyExistsException e) {
      AgentLog.debug(
          OBJECT_NAME + " is registered already (a second agent copy?); not registered again");
    } catch (Throwable e) {
      AgentLog.warn("could not register the JMX MBean " + OBJECT_NAME + ": " + e);
    }
  }

  /** A reload put another config in force. */
  public void setConfigVersion(String version) {
    this.configVersion = version;
  }

  /** One line with every figure, for the start and exit log lines. */
  public String summary() {
    return "config version "
        + configVersion
        + ", "
        + getMatchedClasses()
        + " class(es) matched, "
        + getInstrumentedMethods()
        + " method(s) instrumented, "
        + getEmitted()
        + " touchpoint(s) emitted, "
        + getDropped()
        + " dropped, "
        + getRateLimited()
        + " rate-limited, "
        + getCaptureFailures()
        + " capture failure(s)";
  }

  @Override
  public String getConfigVersion() {
    return configVersion;
  }

  @Override
  public long getMatchedClasses() {
    return SelfMetrics.matchedClasses();
  }

  @Override
  public long getInstrumentedMethods() {
    return SelfMetrics.instrumentedMethods();
  }

  @Override
  public long getEmitted() {
    return emitted.getAsLong();
  }

  @Override
  public long getDropped() {
    return dropped.getAsLong();
  }

  @Override
  public long getRateLimited() {
    return SelfMetrics.rateLimitedCalls();
  }

  @Override
  public long getCaptureFailures() {
    return SelfMetrics.captureFailures();
  }
}
