package io.touchline.agent.export;

import io.opentelemetry.api.OpenTelemetry;
import io.touchline.agent.log.AgentLog;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends the (shaded) OpenTelemetry SDK's java.util.logging output to {@link AgentLog}, so a failed
 * export shows as a {@code [touchline]} line instead of appearing in the application's own logs.
 */
final class OtelLogBridge extends Handler {

  private static final SimpleFormatter FORMATTER = new SimpleFormatter();

  // JUL keeps loggers weakly: hold ours, or its handler setting could be collected away.
  private static volatile Logger sdkRoot;

  static synchronized void install() {
    if (sdkRoot != null) {
      return;
    }
    // The package of OpenTelemetry.class is "<root>.api"; after shading, <root> is relocated.
    String apiPackage = OpenTelemetry.class.getName();
    String root = apiPackage.substring(0, apiPackage.lastIndexOf(".api."));
    Logger logger = Logger.getLogger(root);
    logger.setUseParentHandlers(false);
    logger.addHandler(new OtelLogBridge());
    sdkRoot = logger;
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null) {
      return;
    }
    String message = "opentelemetry: " + FORMATTER.formatMessage(record);
    int level = record.getLevel().intValue();
    if (TlsFailureReport.tlsCause(record.getThrown()) != null) {
      // A refused certificate fails every batch alike; SpanPipeline says so once, in its own words.
      AgentLog.debug(message + ": " + record.getThrown());
    } else if (level >= Level.SEVERE.intValue()) {
      AgentLog.error(message, record.getThrown());
    } else if (level >= Level.WARNING.intValue()) {
      AgentLog.warn(message, record.getThrown());
    } else if (level >= Level.INFO.intValue()) {
      AgentLog.info(message);
    } else {
      AgentLog.debug(message);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
