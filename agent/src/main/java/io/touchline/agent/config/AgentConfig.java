package io.touchline.agent.config;

import io.touchline.agent.log.AgentLog;
import java.util.Collections;
import java.util.List;

/** The agent's whole configuration, validated and immutable. Built by {@link AgentConfigLoader}. */
public final class AgentConfig {

  private final String source;
  private final String version;
  private final String service;
  private final String channel;
  private final ExportSettings export;
  private final AgentLog.Level logLevel;
  private final String logFile;
  private final List<TouchpointDefinition> touchpoints;
  private final List<TouchpointDefinition> disabled;

  AgentConfig(
      String source,
      String version,
      String service,
      String channel,
      ExportSettings export,
      AgentLog.Level logLevel,
      String logFile,
      List<TouchpointDefinition> touchpoints,
      List<TouchpointDefinition> disabled) {
    this.source = source;
    this.version = version;
    this.service = service;
    this.channel = channel;
    this.export = export;
    this.logLevel = logLevel;
    this.logFile = logFile;
    this.touchpoints = Collections.unmodifiableList(touchpoints);
    this.disabled = Collections.unmodifiableList(disabled);
  }

  /** The file this config was read from. */
  public String source() {
    return source;
  }

  /** {@code touchline.config.version} on every span: the file's {@code version}, else a hash. */
  public String version() {
    return version;
  }

  /** The service name from the file, or null to fall back to OTEL_SERVICE_NAME. */
  public String service() {
    return service;
  }

  /** The application's default channel, e.g. {@code web}; null when the file names none. */
  public String channel() {
    return channel;
  }

  public ExportSettings export() {
    return export;
  }

  public AgentLog.Level logLevel() {
    return logLevel;
  }

  /** Where the agent's own messages go instead of stderr; null for stderr. */
  public String logFile() {
    return logFile;
  }

  /** The enabled touchpoints, in file order. */
  public List<TouchpointDefinition> touchpoints() {
    return touchpoints;
  }

  /**
   * The touchpoints switched off with {@code enabled: false}, checked like the others: a reload
   * that switches one off keeps its weaving, idle, so that switching it back on needs none.
   */
  public List<TouchpointDefinition> disabledTouchpoints() {
    return disabled;
  }
}
