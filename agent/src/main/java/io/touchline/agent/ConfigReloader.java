package io.touchline.agent;

import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.AgentConfigLoader;
import io.touchline.agent.config.ConfigException;
import io.touchline.agent.instrument.InstalledTouchpoints;
import io.touchline.agent.log.AgentLog;
import io.touchline.agent.metrics.AgentMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Watches the config file and puts a changed one in force while the application runs. The file is
 * read every {@link #POLL_MILLIS} ms and compared byte for byte: polling sees every way a file gets
 * replaced (an editor's rename, a Kubernetes ConfigMap's symlink swap) where file events miss some.
 * A file that does not load keeps the config in force, and says why once per version of the file.
 * Export, service, channel and log settings apply at the next start; touchpoints at once.
 */
final class ConfigReloader {

  static final long POLL_MILLIS = 500;

  private final Path file;
  private final Map<String, String> environment;
  private final InstalledTouchpoints touchpoints;
  private final AgentMetrics metrics;
  private AgentConfig current;
  private byte[] seen;

  private ConfigReloader(
      Path file,
      Map<String, String> environment,
      InstalledTouchpoints touchpoints,
      AgentMetrics metrics,
      AgentConfig current) {
    this.file = file;
    this.environment = environment;
    this.touchpoints = touchpoints;
    this.metrics = metrics;
    this.current = current;
    this.seen = read();
  }

  /** Starts watching on a daemon thread. */
  static void start(
      Path file,
      Map<String, String> environment,
      InstalledTouchpoints touchpoints,
      AgentMetrics metrics,
      AgentConfig current) {
    ConfigReloader reloader = new ConfigReloader(file, environment, touchpoints, metrics, current);
    Thread thread = new Thread(reloader::run, "touchline-config-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (true) {
      try {
        Thread.sleep(POLL_MILLIS);
        checkOnce();
      } catch (InterruptedException e) {
        return;
      } catch (Throwable e) {
        AgentLog.warn("the config watch failed; the config in force stays", e);
      }
    }
  }

  private void checkOnce() {
    byte[] now = read();
    if (now == null || Arrays.equals(now, seen)) {
      return; // unreadable for a moment (being replaced), or unchanged
    }
    seen = now;
    long start = System.nanoTime();
    AgentConfig next;
    try {
      next = new AgentConfigLoader(environment).load(file);
    } catch (ConfigException e) {
      AgentLog.warn(
          "config "
              + file
              + " changed but cannot be used, keeping version "
              + current.version()
              + ": "
              + e.getMessage());
      return;
    }
    InstalledTouchpoints.Change change = touchpoints.apply(next);
    if (!same(current.export().tracesUrl(), next.export().tracesUrl())
        || !same(current.export().caCertificateFile(), next.export().caCertificateFile())
        || current.export().httpClient() != next.export().httpClient()
        || !same(current.service(), next.service())
        || !same(current.channel(), next.channel())
        || current.logLevel() != next.logLevel()
        || !same(current.logFile(), next.logFile())) {
      AgentLog.warn(
          "config "
              + file
              + ": export, service, channel and log settings changed; they apply at the next start");
    }
    String previous = current.version();
    current = next;
    metrics.setConfigVersion(next.version());
    AgentLog.info(
        "config reloaded: version "
            + previous
            + " -> "
            + next.version()
            + ", "
            + change
            + ", in "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");
  }

  private byte[] read() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean same(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }
}
