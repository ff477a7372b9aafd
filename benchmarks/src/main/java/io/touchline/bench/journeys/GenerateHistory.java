package io.touchline.bench.journeys;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.touchline.bench.IngestLoad;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a generated history of customer journeys to a collector over OTLP/HTTP protobuf, as the
 * four demo apps' agents would have sent it, and writes its ground truth.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.touchline.bench.journeys.GenerateHistory \
 *     --customers 500 --days 90 --end NOW --seed 1 --truth demo-data/history-truth.jsonl \
 *     --otlp http://127.0.0.1:4318 [--token T] [--batch 500]
 * </pre>
 */
public final class GenerateHistory {

  static final String USAGE =
      """
      usage: GenerateHistory --otlp URL [--customers N=500] [--days D=90] [--end NOW|ISO-INSTANT=NOW]
                             [--seed S=1] [--truth FILE] [--token T] [--batch B=500]
        Sends D days of journeys of N customers (the simulator's population of seed S), ending at
        --end, to the collector's OTLP/HTTP endpoint; --truth writes who did what, as the
        simulator's truth.jsonl, for `simulator accuracy`. --token is the collector's ingest token.
      """;

  /** What the command line asks for. */
  record Options(
      String otlp,
      int customers,
      int days,
      Instant end,
      long seed,
      Path truth,
      String token,
      int batch) {}

  private GenerateHistory() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args, Instant.now());
    } catch (IllegalArgumentException e) {
      System.err.println("GenerateHistory: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    try {
      System.exit(run(options));
    } catch (IOException e) {
      System.err.println("GenerateHistory: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * @throws IllegalArgumentException naming the option that is missing or wrong
   */
  static Options parse(String[] args, Instant now) {
    String otlp = null;
    int customers = 500;
    int days = 90;
    Instant end = now.truncatedTo(ChronoUnit.MILLIS);
    long seed = 1;
    Path truth = null;
    String token = null;
    int batch = JourneyHistory.DEFAULT_BATCH_SIZE;
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (!name.startsWith("--")) {
        throw new IllegalArgumentException(
            "expected an option (--name value), found '" + name + "'");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[i + 1];
      switch (name) {
        case "--otlp" -> otlp = url(value);
        case "--customers" ->
            customers = (int) number(name, value, 1, JourneyHistory.MAX_CUSTOMERS);
        case "--days" -> days = (int) number(name, value, 1, 3650);
        case "--end" -> end = instant(value, now);
        case "--seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
        case "--truth" -> truth = Path.of(value);
        case "--token" -> token = value;
        case "--batch" -> batch = (int) number(name, value, 1, 512);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (otlp == null) {
      throw new IllegalArgumentException(
          "--otlp URL is required (the collector's OTLP/HTTP base URL)");
    }
    return new Options(otlp, customers, days, end, seed, truth, token, batch);
  }

  static int run(Options o) throws IOException, InterruptedException {
    JourneyHistory history =
        JourneyHistory.builder()
            .customers(o.customers())
            .seed(o.seed())
            .endingAt(o.end(), Duration.ofDays(o.days()))
            .batchSize(o.batch())
            .build();
    String url = o.otlp() + "/v1/traces";
    System.out.printf(
        Locale.ROOT,
        "history: %,d customers (seed %d), %d days from %s to %s, to %s%n",
        o.customers(),
        o.seed(),
        o.days(),
        history.from(),
        history.to(),
        url);
    Set<String> customersSeen = new HashSet<>();
    AtomicLong interactions = new AtomicLong();
    long touchpoints = 0;
    long requests = 0;
    long start = System.nanoTime();
    HttpClient http = IngestLoad.client();
    TruthWriter truth = o.truth() == null ? null : new TruthWriter(o.truth());
    try {
      Iterator<ExportTraceServiceRequest> batches =
          history.requests(
              interaction -> {
                interactions.incrementAndGet();
                if (!interaction.spans().isEmpty()) {
                  customersSeen.add(interaction.actor().customerNumber());
                }
                if (truth != null) {
                  truth.accept(interaction);
                }
              });
      while (batches.hasNext()) {
        ExportTraceServiceRequest request = batches.next();
        IngestLoad.send(
            http,
            url,
            o.token(),
            request.toByteArray(),
            new IngestLoad.Latencies(),
            new AtomicLong(),
            new AtomicLong(),
            Long.MAX_VALUE);
        requests++;
        touchpoints += request.getResourceSpans(0).getScopeSpans(0).getSpansCount();
      }
    } finally {
      if (truth != null) {
        truth.close();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "sent %,d touchpoints of %,d customers (%,d interactions) in %,d requests in %.1f s%n",
        touchpoints,
        customersSeen.size(),
        interactions.get(),
        requests,
        (System.nanoTime() - start) / 1e9);
    if (truth != null) {
      System.out.println("ground truth: " + o.truth() + " (" + truth.lines() + " lines)");
    }
    return 0;
  }

  private static String url(String value) {
    try {
      URI uri = URI.create(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("--otlp must be an http(s) URL, was '" + value + "'");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--otlp must be an http(s) URL, was '" + value + "'", e);
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private static long number(String name, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          name + " must be from " + min + " to " + max + ", was " + n);
    }
    return n;
  }

  private static Instant instant(String value, Instant now) {
    if (value.equalsIgnoreCase("now")) {
      return now.truncatedTo(ChronoUnit.MILLIS);
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--end must be NOW or an ISO-8601 instant such as 2026-12-01T00:00:00Z, was '"
              + value
              + "'",
          e);
    }
  }
}
