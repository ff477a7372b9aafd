package io.touchline.collector.cli;

import io.touchline.collector.rules.Rule;
import io.touchline.collector.rules.RuleSet;
import io.touchline.collector.rules.RulesException;
import io.touchline.collector.rules.RulesLoader;
import io.touchline.collector.rules.Step;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar touchline-collector.jar check-rules FILE [--api URL] [--token TOKEN]}: loads a
 * rules file as the collector would and prints each rule's name, version, trigger and mode, or
 * every mistake with its file, line and field. With {@code --api}, also warns about each step
 * naming a touchpoint or a channel the running collector has never seen: most often a typo.
 *
 * <p>Exit codes: 0 the file loads (warnings or not), 1 it does not (or the collector could not be
 * asked), 2 a wrong command line.
 */
public final class CheckRulesCommand {

  public static final String NAME = "check-rules";
  static final String USAGE =
      "usage: java -jar touchline-collector.jar check-rules FILE [--api URL] [--token TOKEN]";

  /** Where a token is read from when {@code --token} is not given (it would show in ps). */
  static final String TOKEN_ENV = "TOUCHLINE_API_TOKEN";

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;

  /**
   * @param environment what {@code ${ENV}} and {@code secretEnv} read, as the collector would
   */
  public CheckRulesCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
    this.out = out;
    this.err = err;
    this.environment = environment;
  }

  /**
   * @param args what follows {@code check-rules} on the command line
   * @return the exit code
   */
  public int run(List<String> args) {
    Path file = null;
    URI api = null;
    String token = environment.get(TOKEN_ENV);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if ((arg.equals("--api") || arg.equals("--token")) && i + 1 == args.size()) {
        return usage(arg + " needs a value");
      }
      if (arg.equals("--api")) {
        try {
          api = new URI(args.get(++i));
        } catch (URISyntaxException e) {
          return usage("--api is not a URL: " + e.getMessage());
        }
      } else if (arg.equals("--token")) {
        token = args.get(++i);
      } else if (arg.startsWith("-") || file != null) {
        return usage("unknown argument '" + arg + "'");
      } else {
        file = Paths.get(arg);
      }
    }
    if (file == null) {
      return usage("which rules file?");
    }
    RuleSet rules;
    try {
      rules = new RulesLoader(environment, Set.of()).load(file);
    } catch (RulesException e) {
      e.problems().forEach(err::println);
      return 1;
    }
    print(rules);
    if (api == null) {
      return 0;
    }
    SeenCatalog seen;
    try {
      seen = SeenCatalog.fetch(HttpClient.newHttpClient(), api, token);
    } catch (IOException e) {
      err.println(e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    List<String> warnings = warnings(rules, seen);
    warnings.forEach(err::println);
    out.println(
        "checked against the "
            + seen.touchpoints().size()
            + " touchpoint names and "
            + seen.channels().size()
            + " channels seen by "
            + api
            + ": "
            + (warnings.isEmpty() ? "no warnings" : warnings.size() + " warnings"));
    return 0;
  }

  private void print(RuleSet rules) {
    out.println(
        rules.source()
            + ": "
            + rules.rules().size()
            + " rules, "
            + rules.targets().size()
            + " targets");
    int width = rules.rules().stream().mapToInt(rule -> rule.name().length()).max().orElse(0);
    for (Rule rule : rules.rules()) {
      out.println(
          "  "
              + pad(rule.name(), width)
              + "  "
              + rule.version()
              + "  "
              + pad(rule.mode().label(), "shadow".length())
              + "  "
              + rule.trigger());
    }
  }

  /** One warning per step that names a touchpoint, or a channel, never seen. */
  static List<String> warnings(RuleSet rules, SeenCatalog seen) {
    List<String> warnings = new ArrayList<>();
    for (Rule rule : rules.rules()) {
      for (Rule.StepUse use : rule.steps()) {
        Step step = use.step();
        String where = "warning: " + rule.name() + ": " + use.field() + ": ";
        Set<String> channels = seen.touchpoints().get(step.touchpoint());
        if (channels == null) {
          warnings.add(where + "no touchpoint named '" + step.touchpoint() + "' has been seen");
        } else if (step.channel() != null && !seen.channels().contains(step.channel())) {
          warnings.add(
              where
                  + "no channel named '"
                  + step.channel()
                  + "' has been seen; channels are: "
                  + String.join(", ", seen.channels()));
        } else if (step.channel() != null && !channels.contains(step.channel())) {
          warnings.add(
              where
                  + "'"
                  + step.touchpoint()
                  + "' has never been seen on channel '"
                  + step.channel()
                  + "', only on: "
                  + String.join(", ", channels));
        }
      }
    }
    return warnings;
  }

  private int usage(String problem) {
    err.println(problem + "; " + USAGE);
    return 2;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
