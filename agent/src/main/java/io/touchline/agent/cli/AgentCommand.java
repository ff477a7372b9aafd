package io.touchline.agent.cli;

import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.AgentConfigLoader;
import io.touchline.agent.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The agent jar's command line. {@code check <agent.yaml> [--classpath <jars and folders>]}
 * validates a config offline and, given the application's class path, lists what each touchpoint
 * matches; {@code list} shows the JVMs the agent can be attached to; {@code attach <pid>
 * [config=<agent.yaml>]} loads the agent into a running JVM. Exit code 0 on success, 1 when the
 * config is invalid or the attach failed, 2 for a wrong command line.
 */
public final class AgentCommand {

  static final int VALID = 0;
  static final int INVALID = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT =
      "usage: java -jar touchline-agent.jar check <agent.yaml> [--classpath <jar or folder>"
          + java.io.File.pathSeparator
          + "...]\n"
          + "       java -jar touchline-agent.jar list\n"
          + "       java -jar touchline-agent.jar attach <pid> [config=<agent.yaml>]";

  private AgentCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    String command = rest.isEmpty() ? "" : rest.remove(0);
    if (command.equals("list") && rest.isEmpty()) {
      return AttachCommand.list(out, err);
    }
    if (command.equals("attach") && (rest.size() == 1 || rest.size() == 2)) {
      return AttachCommand.attach(rest, environment, out, err);
    }
    if (!command.equals("check") || rest.isEmpty()) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    String config = rest.remove(0);
    List<String> classpath = new ArrayList<>();
    while (!rest.isEmpty()) {
      String option = rest.remove(0);
      if ((option.equals("--classpath") || option.equals("-cp")) && !rest.isEmpty()) {
        classpath.addAll(Arrays.asList(rest.remove(0).split(java.io.File.pathSeparator)));
      } else {
        err.println("unknown option " + option);
        err.println(USAGE_TEXT);
        return USAGE;
      }
    }
    AgentConfig loaded;
    try {
      loaded = new AgentConfigLoader(environment).load(Paths.get(config));
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return INVALID;
    }
    out.println(config + ": valid, " + loaded.touchpoints().size() + " touchpoint(s) enabled");
    if (classpath.isEmpty()) {
      return VALID;
    }
    try {
      return new MatchReport(loaded, classpath).print(out) ? VALID : INVALID;
    } catch (IOException e) {
      err.println("cannot read the class path: " + e.getMessage());
      return USAGE;
    } catch (RuntimeException e) { // whatever a class file holds, the answer is a line, not a trace
      err.println("cannot read the class path: " + e);
      return INVALID;
    }
  }
}
