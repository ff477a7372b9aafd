package com.acme.simulator;

import com.acme.simulator.accuracy.AccuracyCommand;
import com.acme.simulator.journey.App;
import com.acme.simulator.journey.Journeys;
import com.acme.simulator.journey.Visit;
import com.acme.simulator.population.Person;
import com.acme.simulator.population.Population;
import com.acme.simulator.run.Runner;
import com.acme.simulator.run.Summary;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's customers. {@code population} writes a customer base and each app's extract of it;
 * {@code run} plays those customers against the four apps over HTTP and writes the ground truth;
 * {@code accuracy} scores the collector's profiles against that truth. See docs/demo.md.
 */
public final class Simulator {

  static final String USAGE =
      """
      usage: simulator population [--customers N=500] [--seed S=1] --out DIR
             simulator run --data DIR [--seed S=1] [--customers N] [--rate R=50] [--duration D=2m] [--visit-gap G=20s]
                           [--shop URL] [--call-center URL] [--mobile URL] [--mailer URL] [--truth FILE] [--summary FILE]
             simulator accuracy --truth FILE [--api URL] [--out FILE]""";

  private Simulator() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      fail(USAGE);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "population" -> population(Options.parse(rest, "--customers", "--seed", "--out"));
        case "run" ->
            System.exit(
                run(
                    Options.parse(
                        rest,
                        "--data",
                        "--seed",
                        "--customers",
                        "--rate",
                        "--duration",
                        "--visit-gap",
                        "--shop",
                        "--call-center",
                        "--mobile",
                        "--mailer",
                        "--truth",
                        "--summary")));
        case "accuracy" -> AccuracyCommand.main(rest);
        default -> fail("unknown command " + args[0] + "\n" + USAGE);
      }
    } catch (IllegalArgumentException e) {
      fail(e.getMessage() + "\n" + USAGE);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("simulator: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    }
  }

  private static void population(Options options) {
    Path out = options.path("--out", null);
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    List<Person> people =
        Population.generate(options.integer("--customers", 500), options.number("--seed", 1));
    Population.write(people, out);
    long households = people.stream().filter(Person::inHousehold).count();
    System.out.printf(
        "%,d customers (%,d in two-person households, %,d with the mobile app) written to %s%n",
        people.size(), households, people.stream().filter(Person::hasDevice).count(), out);
  }

  private static int run(Options options) throws IOException, InterruptedException {
    Path data = options.path("--data", null);
    if (data == null) {
      throw new IllegalArgumentException(
          "--data DIR is required (write it with `simulator population`)");
    }
    long seed = options.number("--seed", 1);
    List<Person> people = Population.read(data);
    int limit = options.integer("--customers", people.size());
    people = people.subList(0, Math.min(limit, people.size()));
    Map<App, String> urls = new EnumMap<>(App.class);
    urls.put(App.SHOP, options.url("--shop", App.SHOP));
    urls.put(App.CALL_CENTER, options.url("--call-center", App.CALL_CENTER));
    urls.put(App.MOBILE, options.url("--mobile", App.MOBILE));
    urls.put(App.MAILER, options.url("--mailer", App.MAILER));
    List<Visit> visits =
        Journeys.plan(
            people,
            seed,
            options.duration("--duration", Duration.ofMinutes(2)).toMillis(),
            options.duration("--visit-gap", Duration.ofSeconds(20)).toMillis());
    Runner runner =
        new Runner(urls, seed, options.decimal("--rate", 50), System.err, System.console() != null);
    runner.awaitApps(Duration.ofSeconds(30));
    Path truth = options.path("--truth", data.resolve("truth.jsonl"));
    Summary summary = runner.run(visits, truth);
    System.out.print(summary);
    Path summaryFile = options.path("--summary", data.resolve("summary.json"));
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(summaryFile.toFile(), summary);
    System.out.println("ground truth: " + truth + "; summary: " + summaryFile);
    return summary.errors == 0 ? 0 : 1;
  }

  private static void fail(String message) {
    System.err.println("simulator: " + message);
    System.exit(2);
  }
}
