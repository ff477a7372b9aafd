package io.touchline.bench;

import io.touchline.bench.journeys.JourneyHistory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load generator for the collector: real OTLP/HTTP protobuf requests in, real API lookups out.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.touchline.bench.IngestLoad ingest \
 *     --otlp http://127.0.0.1:4318 --touchpoints 1000000 --clients 4 --batch 512 --profiles 100000 --seed 42
 * java -cp benchmarks/target/benchmarks.jar io.touchline.bench.IngestLoad lookup \
 *     --api http://127.0.0.1:8080 --profiles 100000 --touchpoints 1000000 --lookups 2000 --seed 42
 * </pre>
 *
 * <p>{@code ingest}: C clients, each on its own connection, POST batches of spans to {@code
 * /v1/traces} until N touchpoints are acknowledged. A batch counts only when answered 200 (the
 * collector answers after the commit); a 503 is retried after its {@code Retry-After}.
 *
 * <p>{@code lookup}: sequential {@code GET /api/profiles?key=…} for random existing customers (by
 * {@code customer_id}, a share by {@code email}) after a warm-up. With the ingest's seed, profiles
 * and touchpoints, each answer is checked to hold every touchpoint of its customer.
 */
public final class IngestLoad {

  private static final String USAGE =
      """
      usage:
        IngestLoad ingest --otlp URL [--touchpoints N=1000000] [--clients C=4] [--batch B=512]
                          [--profiles P=100000] [--seed S=42] [--max-seconds T]
                          [--data uniform|realistic] [--spool DIR]
        IngestLoad lookup --api URL [--profiles P=100000] [--touchpoints N=10*P] [--lookups K=2000]
                          [--warmup W=200] [--email-share F=0.2] [--phone-share F=0.1]
                          [--seed S=42] [--max-seconds T] [--data uniform|realistic]
        --data uniform (the default): every span carries customer_id, email and session of one of P
        customers. --data realistic: the journey generator's history of P customers (at most
        999,999), its first N touchpoints pre-encoded into a file in --spool DIR (default: the
        temporary directory) before the clock starts; lookups ask for the customer numbers, e-mails
        (--email-share) and phones (--phone-share) those touchpoints carried.
      """;

  private IngestLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("ingest") || args[0].equals("lookup"))) {
      System.err.print(USAGE);
      System.exit(2);
    }
    Map<String, String> options = options(args);
    if (args[0].equals("ingest")) {
      System.exit(ingest(options));
    } else {
      System.exit(lookup(options));
    }
  }

  // ---------------------------------------------------------------------------------- ingest

  private static int ingest(Map<String, String> o) throws Exception {
    String url = strip(required(o, "otlp")) + "/v1/traces";
    long n = longOf(o, "touchpoints", 1_000_000);
    int clients = (int) longOf(o, "clients", 4);
    int batch = (int) longOf(o, "batch", 512);
    int profiles = (int) longOf(o, "profiles", 100_000);
    long seed = longOf(o, "seed", 42);
    long maxSeconds = longOf(o, "max-seconds", 0);
    String dataKind = dataKind(o);
    try (LoadSource data = source(dataKind, o, n, profiles, seed, batch)) {
      return ingest(data, dataKind, url, clients, batch, profiles, seed, maxSeconds);
    }
  }

  private static LoadSource source(
      String dataKind, Map<String, String> o, long n, int profiles, long seed, int batch)
      throws IOException {
    if (dataKind.equals("uniform")) {
      return LoadSource.uniform(new LoadData(seed, n, profiles), batch);
    }
    if (batch > 512) {
      usage("--data realistic sends at most 512 spans per request, as an agent does");
    }
    Path spool = Path.of(o.getOrDefault("spool", System.getProperty("java.io.tmpdir")));
    System.out.printf(
        Locale.ROOT,
        "pre-encoding %,d touchpoints of the journeys of %,d customers (seed %d) into %s ...%n",
        n,
        profiles,
        seed,
        spool);
    long start = System.nanoTime();
    SpooledRequests spooled =
        SpooledRequests.spool(realisticHistory(profiles, seed, n, batch).requests(), spool);
    System.out.printf(
        Locale.ROOT,
        "pre-encoded %,d touchpoints in %,d requests (%,.0f MB) in %.1f s%n",
        spooled.touchpoints(),
        spooled.requests(),
        spooled.bytes() / 1e6,
        (System.nanoTime() - start) / 1e9);
    return spooled;
  }

  private static int ingest(
      LoadSource data,
      String dataKind,
      String url,
      int clients,
      int batch,
      int profiles,
      long seed,
      long maxSeconds)
      throws InterruptedException {
    long n = data.touchpoints();
    long batches = data.requests();
    System.out.printf(
        Locale.ROOT,
        "ingest: %,d %s touchpoints over %,d profiles (seed %d), %d clients, %d spans per request, to %s%n",
        n,
        dataKind,
        profiles,
        seed,
        clients,
        batch,
        url);

    AtomicLong nextBatch = new AtomicLong();
    AtomicLong acked = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    AtomicLong ioErrors = new AtomicLong();
    AtomicReference<String> failure = new AtomicReference<>();
    long deadline = deadline(maxSeconds);
    List<Latencies> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Latencies mine = new Latencies();
      latencies.add(mine);
      HttpClient http = client();
      Thread thread =
          new Thread(
              () -> {
                long b;
                while (failure.get() == null
                    && before(deadline)
                    && (b = nextBatch.getAndIncrement()) < batches) {
                  try {
                    byte[] body = data.body(b);
                    send(http, url, body, mine, retries, ioErrors, deadline);
                    requests.incrementAndGet();
                    acked.addAndGet(data.spans(b));
                  } catch (Exception e) {
                    failure.compareAndSet(null, e.getMessage());
                  }
                }
              },
              "load-client-" + (c + 1));
      threads.add(thread);
      thread.start();
    }
    Thread progress = progress(acked, start);
    for (Thread thread : threads) {
      thread.join();
    }
    progress.interrupt();
    double seconds = (System.nanoTime() - start) / 1e9;
    Latencies all = Latencies.merge(latencies);
    System.out.printf(
        Locale.ROOT,
        "acknowledged: %,d of %,d touchpoints in %.1f s = %,.0f touchpoints/s sustained%n",
        acked.get(),
        n,
        seconds,
        acked.get() / seconds);
    System.out.printf(
        Locale.ROOT,
        "requests: %,d answered 200; retries after 503: %,d; connection errors retried: %,d%n",
        requests.get(),
        retries.get(),
        ioErrors.get());
    System.out.printf(
        Locale.ROOT,
        "request latency (send to 200, per attempt): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        all.percentileMs(50),
        all.percentileMs(99),
        all.percentileMs(100));
    if (failure.get() != null) {
      System.out.println("FAILED: " + failure.get());
      return 1;
    }
    if (acked.get() < n) {
      System.out.println(
          "STOPPED at --max-seconds " + maxSeconds + " before every touchpoint was acknowledged");
      return 3;
    }
    return 0;
  }

  /** Sends one request until it is answered 200; 503 waits for Retry-After, other answers fail. */
  static void send(
      HttpClient http,
      String url,
      byte[] body,
      Latencies latencies,
      AtomicLong retries,
      AtomicLong ioErrors,
      long deadline)
      throws IOException, InterruptedException {
    send(http, url, null, body, latencies, retries, ioErrors, deadline);
  }

  /**
   * The same, with {@code Authorization: Bearer <token>} when the collector asks for an ingest
   * token ({@code token} null for none).
   */
  public static void send(
      HttpClient http,
      String url,
      String token,
      byte[] body,
      Latencies latencies,
      AtomicLong retries,
      AtomicLong ioErrors,
      long deadline)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    HttpRequest request = builder.build();
    int connectionFailures = 0;
    while (true) {
      long sent = System.nanoTime();
      HttpResponse<byte[]> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        ioErrors.incrementAndGet();
        if (++connectionFailures > 10) {
          throw new IOException("10 connection failures in a row: " + e, e);
        }
        Thread.sleep(1000);
        continue;
      }
      connectionFailures = 0;
      int status = response.statusCode();
      if (status == 200) {
        latencies.add(System.nanoTime() - sent);
        return;
      }
      if (status == 503) {
        retries.incrementAndGet();
        if (!before(deadline)) {
          throw new IOException("503 after --max-seconds; giving up");
        }
        Thread.sleep(retryAfterMillis(response));
        continue;
      }
      throw new IOException(
          "answered "
              + status
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " "));
    }
  }

  private static long retryAfterMillis(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse("1").trim();
    try {
      return Math.max(0, Long.parseLong(value)) * 1000;
    } catch (NumberFormatException e) {
      return 1000; // an HTTP-date: not sent by the collector; wait a second
    }
  }

  /**
   * Prints the acknowledged count and rate every 10 s, so a long run can be watched (and stopped).
   */
  private static Thread progress(AtomicLong acked, long start) {
    Thread thread =
        new Thread(
            () -> {
              long last = 0;
              long lastTime = start;
              try {
                while (true) {
                  Thread.sleep(10_000);
                  long now = System.nanoTime();
                  long done = acked.get();
                  System.out.printf(
                      Locale.ROOT,
                      "  %6.0f s: %,d acknowledged, %,.0f/s over the last interval, %,.0f/s overall%n",
                      (now - start) / 1e9,
                      done,
                      (done - last) / ((now - lastTime) / 1e9),
                      done / ((now - start) / 1e9));
                  last = done;
                  lastTime = now;
                }
              } catch (InterruptedException e) {
                // done
              }
            },
            "load-progress");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  // ---------------------------------------------------------------------------------- lookup

  private static int lookup(Map<String, String> o) throws Exception {
    String api = strip(required(o, "api"));
    int profiles = (int) longOf(o, "profiles", 100_000);
    long n = longOf(o, "touchpoints", 10L * profiles);
    int lookups = (int) longOf(o, "lookups", 2000);
    int warmup = (int) longOf(o, "warmup", 200);
    double emailShare = Double.parseDouble(o.getOrDefault("email-share", "0.2"));
    double phoneShare = Double.parseDouble(o.getOrDefault("phone-share", "0.1"));
    long seed = longOf(o, "seed", 42);
    long maxSeconds = longOf(o, "max-seconds", 0);
    String dataKind = dataKind(o);
    if (dataKind.equals("realistic")) {
      System.out.printf(
          Locale.ROOT,
          "replaying the first %,d touchpoints of the journeys of %,d customers for the keys they carried%n",
          n,
          profiles);
    }
    LookupKeys keys =
        dataKind.equals("uniform")
            ? LookupKeys.uniform(new LoadData(seed, n, profiles), emailShare)
            : LookupKeys.realistic(
                realisticHistory(profiles, seed, n, 512), emailShare, phoneShare);
    SplittableRandom random = new SplittableRandom(seed ^ 0x100C0B);
    HttpClient http = client();
    System.out.printf(
        Locale.ROOT,
        "lookup: %,d lookups (%.0f%% by email%s) after %,d warm-up, sequential, customers of %,d %s"
            + " touchpoints over %,d profiles (seed %d), at %s%n",
        lookups,
        emailShare * 100,
        dataKind.equals("uniform")
            ? ""
            : String.format(Locale.ROOT, ", %.0f%% by phone", phoneShare * 100),
        warmup,
        n,
        dataKind,
        profiles,
        seed,
        api);

    Latencies latencies = new Latencies();
    Map<Integer, Integer> statuses = new TreeMap<>();
    long bytes = 0;
    long complete = 0;
    long incomplete = 0;
    long deadline = deadline(maxSeconds);
    long start = System.nanoTime();
    int done = 0;
    for (int i = 0; i < warmup + lookups && before(deadline); i++) {
      LookupKeys.Key key = keys.next(random);
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      api
                          + "/api/profiles?key="
                          + URLEncoder.encode(key.key(), StandardCharsets.UTF_8)))
              .timeout(Duration.ofSeconds(120))
              .GET()
              .build();
      long sent = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long took = System.nanoTime() - sent;
      if (i < warmup) {
        continue;
      }
      done++;
      latencies.add(took);
      statuses.merge(response.statusCode(), 1, Integer::sum);
      bytes += response.body().length();
      if (response.statusCode() == 200 && key.expectedTouchpoints() >= 0) {
        if (count(response.body(), "\"spanId\"") == key.expectedTouchpoints()) {
          complete++;
        } else {
          incomplete++;
        }
      }
      if (done % 500 == 0) {
        System.out.printf(
            Locale.ROOT, "  %,d lookups, %.0f s%n", done, (System.nanoTime() - start) / 1e9);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "lookups: %,d; status counts %s; %smean answer %,d bytes%n",
        done,
        statuses,
        complete + incomplete == 0
            ? "" // realistic keys: what a profile holds depends on how the journeys linked
            : String.format(
                Locale.ROOT,
                "%,d with every touchpoint of the customer, %,d not; ",
                complete,
                incomplete),
        done == 0 ? 0 : bytes / done);
    System.out.printf(
        Locale.ROOT,
        "lookup latency: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        latencies.percentileMs(50),
        latencies.percentileMs(95),
        latencies.percentileMs(99),
        latencies.percentileMs(100));
    return done == lookups
            && incomplete == 0
            && keys.acceptedStatuses().containsAll(statuses.keySet())
        ? 0
        : 1;
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
      count++;
    }
    return count;
  }

  // ---------------------------------------------------------------------------------- helpers

  /** An HTTP client as the load uses it: one connection, HTTP/1.1. */
  public static HttpClient client() {
    // HTTP/1.1: the collector's server speaks nothing else, and no h2c upgrade is attempted.
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        System.err.println("expected --name value, found '" + args[i] + "'");
        System.err.print(USAGE);
        System.exit(2);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  /**
   * Where the realistic history starts: its touchpoints then run for as many days as N of them
   * take.
   */
  static final Instant REALISTIC_FROM = Instant.parse("2026-09-01T00:00:00Z");

  /**
   * The journeys of {@code profiles} customers from {@link #REALISTIC_FROM} on, their first {@code
   * n} touchpoints: the same for the ingest and for the lookups that follow it.
   */
  private static JourneyHistory realisticHistory(int profiles, long seed, long n, int batch) {
    if (profiles > JourneyHistory.MAX_CUSTOMERS) {
      usage("--data realistic takes at most " + JourneyHistory.MAX_CUSTOMERS + " --profiles");
    }
    return JourneyHistory.builder()
        .customers(profiles)
        .seed(seed)
        .from(REALISTIC_FROM)
        .maxTouchpoints(n)
        .batchSize(batch)
        .build();
  }

  private static String dataKind(Map<String, String> options) {
    String kind = options.getOrDefault("data", "uniform");
    if (!kind.equals("uniform") && !kind.equals("realistic")) {
      usage("--data must be uniform or realistic, was '" + kind + "'");
    }
    return kind;
  }

  private static void usage(String message) {
    System.err.println(message);
    System.err.print(USAGE);
    System.exit(2);
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      System.err.println("--" + name + " is required");
      System.err.print(USAGE);
      System.exit(2);
    }
    return value;
  }

  private static long longOf(Map<String, String> options, String name, long otherwise) {
    String value = options.get(name);
    return value == null ? otherwise : Long.parseLong(value.replace("_", "").replace(",", ""));
  }

  /** 0 means no limit. */
  private static long deadline(long maxSeconds) {
    return maxSeconds <= 0 ? Long.MAX_VALUE : System.nanoTime() + maxSeconds * 1_000_000_000L;
  }

  private static boolean before(long deadline) {
    return deadline == Long.MAX_VALUE || System.nanoTime() - deadline < 0;
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Latencies in nanoseconds; percentiles by nearest rank. Not thread-safe: one per thread. */
  public static final class Latencies {
    private long[] values = new long[1024];
    private int size;

    public void add(long nanos) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    static Latencies merge(List<Latencies> parts) {
      Latencies all = new Latencies();
      for (Latencies part : parts) {
        for (int i = 0; i < part.size; i++) {
          all.add(part.values[i]);
        }
      }
      return all;
    }

    public double percentileMs(double p) {
      if (size == 0) {
        return Double.NaN;
      }
      long[] sorted = java.util.Arrays.copyOf(values, size);
      java.util.Arrays.sort(sorted);
      int rank = (int) Math.ceil(p / 100 * size);
      return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }
  }
}
