package io.touchline.agent.cli;

import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.AgentConfigLoader;
import io.touchline.agent.config.ConfigException;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * {@code list} and {@code attach <pid> [config=<agent.yaml>]}: the agent into a JVM that is already
 * running.
 */
final class AttachCommand {

  private AttachCommand() {}

  static int list(PrintStream out, PrintStream err) {
    try {
      String self = selfPid();
      for (Attacher.Jvm jvm : Attacher.load().list()) {
        if (!jvm.id.equals(self)) {
          out.println(
              jvm.id
                  + "\t"
                  + (jvm.displayName.isEmpty() ? "(no main class known)" : jvm.displayName));
        }
      }
      return AgentCommand.VALID;
    } catch (Attacher.AttachException e) {
      err.println(e.getMessage());
      return AgentCommand.INVALID;
    }
  }

  /**
   * Checks the config here first, so that a mistake is shown at the terminal rather than in the
   * other JVM's log, then passes its absolute path: the other JVM resolves paths from its own
   * working directory.
   */
  static int attach(
      List<String> arguments, Map<String, String> environment, PrintStream out, PrintStream err) {
    String pid = arguments.get(0);
    if (!pid.matches("[0-9]+")) {
      err.println(
          "expected a process id (see: java -jar touchline-agent.jar list), found '" + pid + "'");
      return AgentCommand.USAGE;
    }
    String agentArguments = "";
    String configText =
        "the other JVM's default (TOUCHLINE_CONFIG, else config/agent.yaml in its working directory)";
    if (arguments.size() == 2) {
      String option = arguments.get(1);
      if (!option.startsWith("config=") || option.length() == "config=".length()) {
        err.println("expected config=<agent.yaml>, found '" + option + "'");
        return AgentCommand.USAGE;
      }
      Path config = Paths.get(option.substring("config=".length())).toAbsolutePath().normalize();
      try {
        AgentConfig loaded = new AgentConfigLoader(environment).load(config);
        configText =
            config
                + " (version "
                + loaded.version()
                + ", "
                + loaded.touchpoints().size()
                + " touchpoint(s))";
      } catch (ConfigException e) {
        err.println(e.getMessage());
        return AgentCommand.INVALID;
      }
      agentArguments = "config=" + config;
    }
    try {
      Attacher.load().loadAgent(pid, agentJar(), agentArguments);
    } catch (Attacher.AttachException | URISyntaxException e) {
      err.println(e.getMessage());
      return AgentCommand.INVALID;
    }
    out.println(
        "attached to JVM "
            + pid
            + " with "
            + configText
            + "; the agent reports in that JVM's stderr (or its log.file)");
    return AgentCommand.VALID;
  }

  private static String agentJar() throws URISyntaxException {
    return new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getAbsolutePath();
  }

  /**
   * This JVM's process id, from {@code RuntimeMXBean}'s name ({@code pid@host}): Java 8 has no
   * ProcessHandle.
   */
  private static String selfPid() {
    String name = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
    int at = name.indexOf('@');
    return at > 0 ? name.substring(0, at) : "";
  }
}
