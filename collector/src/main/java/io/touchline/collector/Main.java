package io.touchline.collector;

import io.touchline.collector.cli.CheckRulesCommand;
import io.touchline.collector.config.CollectorConfig;
import io.touchline.collector.config.CollectorConfigLoader;
import io.touchline.collector.config.ConfigException;
import io.touchline.collector.log.CollectorLog;
import io.touchline.collector.rules.RulesException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code java -jar touchline-collector.jar [--config config/collector.yaml]}. Exit codes: 2 for a
 * config mistake, in collector.yaml or the rules file it names (the message names file, line and
 * field), 1 when the collector cannot start (a port in use, a database another process holds).
 *
 * <p>{@code java -jar touchline-collector.jar check-rules FILE [--api URL] [--token TOKEN]} checks
 * a rules file instead ({@link CheckRulesCommand}).
 */
public final class Main {

  static final Path DEFAULT_CONFIG = Paths.get("config", "collector.yaml");
  static final String USAGE =
      "usage: java -jar touchline-collector.jar [--config config/collector.yaml]\n"
          + "       java -jar touchline-collector.jar check-rules FILE [--api URL] [--token TOKEN]";

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(CheckRulesCommand.NAME)) {
      System.exit(
          new CheckRulesCommand(
                  CollectorLog.commandOutput(), CollectorLog.commandErrors(), System.getenv())
              .run(List.of(args).subList(1, args.length)));
      return;
    }
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      CollectorLog.commandOutput().println(USAGE);
      return;
    }
    CollectorConfig config;
    try {
      config = loadConfig(args);
    } catch (ConfigException e) {
      CollectorLog.error(e.getMessage());
      System.exit(2);
      return;
    }
    String noLibrary =
        NativeLibraryCheck.problem(System.getProperty("os.name"), System.getProperty("os.arch"))
            .orElse(null);
    if (noLibrary != null) {
      CollectorLog.error("could not start: " + noLibrary);
      System.exit(1);
      return;
    }
    try {
      Collector collector = Collector.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(collector::close, "touchline-shutdown"));
      CollectorLog.ready(
          "otlp-http="
              + collector.otlpHttpUrl()
              + " api="
              + collector.apiUrl()
              + " otlp-grpc="
              + collector.otlpGrpcEndpoint());
      collector.whenAnalystViewsLoaded(report -> CollectorLog.info("analyst views " + report));
    } catch (RulesException e) {
      e.problems().forEach(CollectorLog::error);
      System.exit(2);
    } catch (Exception e) {
      CollectorLog.error("could not start: " + e.getMessage());
      System.exit(1);
    }
  }

  private static CollectorConfig loadConfig(String[] args) throws ConfigException {
    Path path = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config")) {
        if (i + 1 == args.length) {
          throw new ConfigException("--config needs a file; " + USAGE);
        }
        path = Paths.get(args[++i]);
      } else if (args[i].startsWith("--config=")) {
        path = Paths.get(args[i].substring("--config=".length()));
      } else {
        throw new ConfigException("unknown argument '" + args[i] + "'; " + USAGE);
      }
    }
    if (path == null) {
      // The conventional place, relative to the working directory; no file means the defaults.
      return Files.exists(DEFAULT_CONFIG)
          ? new CollectorConfigLoader().load(DEFAULT_CONFIG)
          : CollectorConfig.defaults();
    }
    return new CollectorConfigLoader().load(path);
  }
}
