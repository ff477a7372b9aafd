package io.touchline.agent;

import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.AgentConfigLoader;
import io.touchline.agent.config.ConfigException;
import io.touchline.agent.export.SpanPipeline;
import io.touchline.agent.instrument.InstalledTouchpoints;
import io.touchline.agent.instrument.TouchpointInstaller;
import io.touchline.agent.log.AgentLog;
import io.touchline.agent.metrics.AgentMetrics;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the config, starts the export pipeline and weaves the touchpoints. A bad config or any
 * other failure is reported with a {@code [touchline]} line and leaves the application running
 * untouched.
 */
final class AgentInstaller {

  static final String ENABLED_ENV = "TOUCHLINE_ENABLED";
  static final String CONFIG_ENV = "TOUCHLINE_CONFIG";
  static final String DEFAULT_CONFIG = "config/agent.yaml";

  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private AgentInstaller() {}

  static void installSafely(String rawArguments, Instrumentation instrumentation) {
    try {
      install(AgentArguments.parse(rawArguments), instrumentation, System.getenv());
    } catch (Throwable e) {
      AgentLog.error("agent not started; the application runs without it", e);
    }
  }

  private static void install(
      AgentArguments arguments, Instrumentation instrumentation, Map<String, String> environment) {
    if ("false".equalsIgnoreCase(trim(environment.get(ENABLED_ENV)))) {
      AgentLog.info(ENABLED_ENV + "=false: agent disabled");
      return;
    }
    if (!INSTALLED.compareAndSet(false, true)) {
      AgentLog.warn("agent already installed in this JVM; ignoring the second one");
      return;
    }
    Path configFile = configFile(arguments, environment);
    AgentConfig config;
    try {
      config = new AgentConfigLoader(environment).load(configFile);
    } catch (ConfigException e) {
      AgentLog.error("config error, agent not started: " + e.getMessage());
      return;
    }
    AgentLog.setThreshold(config.logLevel());
    if (config.logFile() != null) {
      AgentLog.useFile(config.logFile());
    }
    SpanPipeline pipeline = SpanPipeline.start(config, environment);
    AgentMetrics metrics =
        new AgentMetrics(config.version(), pipeline::exportedCount, pipeline::droppedCount);
    pipeline.onExporterCreated(metrics::register);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  long start = System.nanoTime();
                  pipeline.shutdown(config.export().shutdownTimeoutMillis());
                  AgentLog.debug(
                      "shutdown flush took " + (System.nanoTime() - start) / 1_000_000 + " ms");
                  AgentLog.info("agent stopping: " + metrics.summary());
                },
                "touchline-shutdown"));
    InstalledTouchpoints installed = TouchpointInstaller.install(config, pipeline, instrumentation);
    ConfigReloader.start(configFile, environment, installed, metrics, config);
    AgentLog.info(
        "agent started: config "
            + config.source()
            + " (version "
            + config.version()
            + "), "
            + config.touchpoints().size()
            + " touchpoint(s), exporting to "
            + pipeline.description()
            + "; so far "
            + metrics.getMatchedClasses()
            + " class(es) matched, "
            + metrics.getInstrumentedMethods()
            + " method(s) instrumented");
  }

  private static Path configFile(AgentArguments arguments, Map<String, String> environment) {
    String path = trim(arguments.get(AgentArguments.CONFIG));
    if (path == null || path.isEmpty()) {
      path = trim(environment.get(CONFIG_ENV));
    }
    if (path == null || path.isEmpty()) {
      path = DEFAULT_CONFIG;
    }
    return Paths.get(path);
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }
}
