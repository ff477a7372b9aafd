package io.touchline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The collector under a steady load for a long while: OTLP/HTTP ingest at a fixed rate, an analyst
 * asking the views and looking up customers in turn, and live streams open throughout. Every
 * interval it prints what a user of each would notice (the rate kept, answer times' p50/p99) and
 * what the operator pays: heap after a full GC, RSS and the collector's threads. Flat over time is
 * the aim; what grows with the data stored (heap, the views' answer times) is reported per million
 * touchpoints stored, so that growth with data and a leak can be told apart.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.touchline.bench.Soak --otlp URL --api URL --pid PID \
 *     [--rate 18000] [--minutes 30] [--interval 60] [--streams 4] [--profiles 1000000] [--seed 42]
 * </pre>
 *
 * <p>Ingest: requests of 512 touchpoints of {@link LoadData} are started on schedule by a pacer and
 * sent by up to 16 concurrent clients, each sent as {@link IngestLoad} sends it (a 503 retried
 * after its {@code Retry-After}, a broken connection retried). When every client is busy the pacer
 * waits, and the rate kept falls short: that is the figure to watch. Heap after GC is measured with
 * {@code jcmd PID GC.run} then {@code jstat -gc PID} (the sum of the used spaces), RSS and threads
 * from {@code /proc/PID/status}.
 */
public final class Soak {

  private static final int BATCH = 512;
  private static final int SENDERS = 16;

  private Soak() {}

  public static void main(String[] args) throws Exception {
    String otlp = null;
    String api = null;
    long pid = -1;
    long rate = 18_000;
    long minutes = 30;
    long intervalSeconds = 60;
    int streams = 4;
    int profiles = 1_000_000;
    long seed = 42;
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--otlp" -> otlp = value.replaceAll("/$", "");
        case "--api" -> api = value.replaceAll("/$", "");
        case "--pid" -> pid = Long.parseLong(value);
        case "--rate" -> rate = Long.parseLong(value);
        case "--minutes" -> minutes = Long.parseLong(value);
        case "--interval" -> intervalSeconds = Long.parseLong(value);
        case "--streams" -> streams = Integer.parseInt(value);
        case "--profiles" -> profiles = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (otlp == null || api == null || pid < 0) {
      System.err.println(
          "usage: Soak --otlp URL --api URL --pid PID [--rate 18000] [--minutes 30]"
              + " [--interval 60] [--streams 4] [--profiles 1000000] [--seed 42]");
      System.exit(2);
    }
    new Soak.Run(otlp, api, pid, rate, minutes, intervalSeconds, streams, profiles, seed).run();
  }

  /** What one interval saw; swapped for a fresh one at each report. */
  private static final class Interval {
    final IngestLoad.Latencies ingest = new IngestLoad.Latencies();
    final IngestLoad.Latencies queries = new IngestLoad.Latencies();
    long acked;
    long retries;
    long liveEvents;
    long queryFailures;

    synchronized void ingested(long nanos, long touchpoints, long retried) {
      ingest.add(nanos);
      acked += touchpoints;
      retries += retried;
    }

    synchronized void queried(long nanos, boolean ok) {
      queries.add(nanos);
      queryFailures += ok ? 0 : 1;
    }

    synchronized void live() {
      liveEvents++;
    }
  }

  private record Run(
      String otlp,
      String api,
      long pid,
      long rate,
      long minutes,
      long intervalSeconds,
      int streams,
      int profiles,
      long seed) {

    void run() throws Exception {
      long total = rate * minutes * 60;
      LoadData data = new LoadData(seed, total, profiles);
      AtomicReference<Interval> current = new AtomicReference<>(new Interval());
      AtomicReference<String> failure = new AtomicReference<>();
      AtomicLong stored = new AtomicLong();
      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .executor(Executors.newCachedThreadPool(daemons("soak-http")))
              .build();
      System.out.printf(
          Locale.ROOT,
          "soak: %,d touchpoints/s for %d min (%,d in all, %,d profiles, seed %d), %d live"
              + " streams, one analyst; collector pid %d%n",
          rate,
          minutes,
          total,
          profiles,
          seed,
          streams,
          pid);
      System.out.printf(
          Locale.ROOT,
          "%6s %11s %9s %9s %7s %9s %9s %6s %8s %9s %8s %7s %10s%n",
          "minute",
          "stored",
          "tp/s",
          "ingest99",
          "retry",
          "query50",
          "query99",
          "qfail",
          "live/s",
          "heapGC MB",
          "RSS MB",
          "threads",
          "heap B/tp");

      List<Thread> threads = new ArrayList<>();
      for (int s = 0; s < streams; s++) {
        threads.add(daemon("soak-live-" + s, () -> live(http, current, failure)));
      }
      threads.add(daemon("soak-analyst", () -> analyst(http, current, failure)));
      threads.forEach(Thread::start);

      ExecutorService senders = Executors.newFixedThreadPool(SENDERS, daemons("soak-sender"));
      Semaphore free = new Semaphore(SENDERS);
      long start = System.nanoTime();
      long nanosPerBatch = 1_000_000_000L * BATCH / rate;
      long nextReport = start + TimeUnit.SECONDS.toNanos(intervalSeconds);
      long batches = (total + BATCH - 1) / BATCH;
      int minute = 0;
      for (long b = 0; b < batches && failure.get() == null; b++) {
        long due = start + b * nanosPerBatch;
        long wait;
        while ((wait = Math.min(due, nextReport) - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (System.nanoTime() >= nextReport) {
          Interval done = current.getAndSet(new Interval());
          report(++minute * intervalSeconds / 60.0, done, stored.get());
          nextReport += TimeUnit.SECONDS.toNanos(intervalSeconds);
        }
        free.acquire(); // every client busy: the rate kept falls short
        long from = b * BATCH;
        long to = Math.min(total, from + BATCH);
        senders.execute(
            () -> {
              try {
                byte[] body = data.request(from, to).toByteArray();
                AtomicLong retried = new AtomicLong();
                long sent = System.nanoTime();
                // Timed here from send to 200, retries included; the attempts' own times unused.
                IngestLoad.send(
                    http,
                    otlp + "/v1/traces",
                    body,
                    new IngestLoad.Latencies(),
                    retried,
                    new AtomicLong(),
                    Long.MAX_VALUE);
                current.get().ingested(System.nanoTime() - sent, to - from, retried.get());
                stored.addAndGet(to - from);
              } catch (Exception e) {
                failure.compareAndSet(null, "ingest: " + e);
              } finally {
                free.release();
              }
            });
      }
      free.acquire(SENDERS);
      Interval last = current.getAndSet(new Interval());
      report((System.nanoTime() - start) / 60e9, last, stored.get());
      senders.shutdownNow();
      if (failure.get() != null) {
        System.out.println("failed: " + failure.get());
        System.exit(1);
      }
    }

    private void report(double minute, Interval done, long stored) throws Exception {
      long heapAfterGc = heapAfterGcBytes();
      long[] status = procStatus();
      synchronized (done) {
        System.out.printf(
            Locale.ROOT,
            "%6.1f %11d %9.0f %9.1f %7d %9.1f %9.1f %6d %8.0f %9.0f %8.0f %7d %10.0f%n",
            minute,
            stored,
            done.acked / (double) intervalSeconds,
            done.ingest.percentileMs(99),
            done.retries,
            done.queries.percentileMs(50),
            done.queries.percentileMs(99),
            done.queryFailures,
            done.liveEvents / (double) intervalSeconds,
            heapAfterGc / 1e6,
            status[0] / 1e6,
            status[1],
            stored == 0 ? Double.NaN : heapAfterGc / (double) stored);
      }
    }

    /** The analyst: each view in turn, then a few customers looked up, again and again. */
    private void analyst(
        HttpClient http, AtomicReference<Interval> current, AtomicReference<String> failure) {
      List<String> asks = new ArrayList<>(ViewLoad.VIEWS.values());
      for (int i = 1; i <= 8; i++) {
        asks.add("/api/profiles?key=customer_id:" + LoadData.customerId(1 + (i * 7919) % 1000));
      }
      while (failure.get() == null) {
        for (String ask : asks) {
          long start = System.nanoTime();
          boolean ok;
          try {
            HttpResponse<Void> response =
                http.send(
                    HttpRequest.newBuilder(URI.create(api + ask))
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
            // 503 while the views load at start; 404 for a customer not sent yet.
            ok = response.statusCode() == 200 || response.statusCode() == 404;
          } catch (IOException e) {
            ok = false;
          } catch (InterruptedException e) {
            return;
          }
          current.get().queried(System.nanoTime() - start, ok);
        }
      }
    }

    /** One live stream, reopened if it ends; each touchpoint event counted. */
    private void live(
        HttpClient http, AtomicReference<Interval> current, AtomicReference<String> failure) {
      while (failure.get() == null) {
        try {
          HttpResponse<InputStream> response =
              http.send(
                  HttpRequest.newBuilder(URI.create(api + "/api/live")).build(),
                  HttpResponse.BodyHandlers.ofInputStream());
          try (BufferedReader lines =
              new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
              if (line.equals("event: touchpoint")) {
                current.get().live();
              }
            }
          }
        } catch (IOException e) {
          // reopened below
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Heap in use after a full GC, in bytes: the sum of jstat's used spaces. */
    private long heapAfterGcBytes() throws Exception {
      run("jcmd", Long.toString(pid), "GC.run");
      List<String> lines = run("jstat", "-gc", Long.toString(pid));
      String[] names = lines.get(0).trim().split("\\s+");
      String[] values = lines.get(1).trim().split("\\s+");
      double kb = 0;
      for (int i = 0; i < names.length; i++) {
        if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
          kb += Double.parseDouble(values[i]);
        }
      }
      return (long) (kb * 1024);
    }

    /** {RSS bytes, threads} of the collector. */
    private long[] procStatus() throws IOException {
      long rss = 0;
      long threads = 0;
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        } else if (line.startsWith("Threads:")) {
          threads = Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
      return new long[] {rss, threads};
    }

    private static List<String> run(String... command) throws Exception {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      List<String> lines;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        lines = out.lines().toList();
      }
      if (process.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + lines);
      }
      return lines;
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  private static java.util.concurrent.ThreadFactory daemons(String name) {
    AtomicLong count = new AtomicLong();
    return body -> daemon(name + "-" + count.incrementAndGet(), body);
  }
}
