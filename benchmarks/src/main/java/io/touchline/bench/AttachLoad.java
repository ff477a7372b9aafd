package io.touchline.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What attaching the agent to a busy JVM costs, as docs/benchmarks.md reports it:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.touchline.bench.AttachLoad \
 *     --agent agent/target/touchline-agent.jar [--classes 20000] [--rate 1000]
 * </pre>
 *
 * Starts a target JVM that loads at least {@code --classes} classes (the JDK's own, by name,
 * without initialising them) and serves a "request" every millisecond on one thread, timing each
 * from when it was due to when it ended; then attaches the agent with {@code java -jar
 * touchline-agent.jar attach <pid> config=…} and reports how long the attach took and the request
 * latencies while it ran, beside those of the same length of time just before.
 */
public final class AttachLoad {

  private AttachLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("target")) {
      Target.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    String agent = null;
    int classes = 20_000;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--agent":
          agent = args[i + 1];
          break;
        case "--classes":
          classes = Integer.parseInt(args[i + 1]);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (agent == null) {
      throw new IllegalArgumentException("--agent <touchline-agent.jar> is required");
    }
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    String self =
        Paths.get(AttachLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    try (OtlpSink sink = new OtlpSink()) {
      Path config = Files.createTempFile("attach-load", ".yaml");
      Files.write(
          config,
          String.join(
                  "\n",
                  "service: attach-load",
                  "export:",
                  "  endpoint: " + sink.endpoint(),
                  "touchpoints:",
                  "  - name: checkout",
                  "    class: io.touchline.bench.AttachLoad$Shop",
                  "    method: checkout",
                  "    keys:",
                  "      customer_id: args[0]",
                  "")
              .getBytes(StandardCharsets.UTF_8));
      Process target =
          new ProcessBuilder(
                  java,
                  "-XX:+EnableDynamicAgentLoading",
                  "-cp",
                  self,
                  AttachLoad.class.getName(),
                  "target",
                  String.valueOf(classes))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
          Writer in = new OutputStreamWriter(target.getOutputStream(), StandardCharsets.UTF_8)) {
        String ready = out.readLine(); // "ready <loaded classes>"
        System.out.println("target " + target.pid() + ": " + ready);
        Thread.sleep(
            3_000); // let the request loop settle, then measure a quiet window of the attach's
        // length
        long start = System.nanoTime();
        Process attach =
            new ProcessBuilder(
                    java, "-jar", agent, "attach", String.valueOf(target.pid()), "config=" + config)
                .redirectErrorStream(true)
                .start();
        String attachOutput =
            new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        attach.waitFor(60, TimeUnit.SECONDS);
        long attachNanos = System.nanoTime() - start;
        System.out.printf(
            "attach command: %.2f s wall (exit %d): %s%n",
            attachNanos / 1e9, attach.exitValue(), attachOutput);
        long end = System.nanoTime();
        in.write("report " + (end - start) + "\n");
        in.flush();
        System.out.println("requests before the attach (same length): " + out.readLine());
        System.out.println("requests during the attach:               " + out.readLine());
        Thread.sleep(2_000);
        in.write("quit\n");
        in.flush();
        System.out.println("target: " + out.readLine());
      } finally {
        target.waitFor(30, TimeUnit.SECONDS);
        target.destroyForcibly();
      }
      System.out.println("OTLP requests the sink received: " + sink.requests());
    }
  }

  /** The instrumented method: a little work per request. */
  public static final class Shop {
    private long total;

    public long checkout(String customer) {
      for (int i = 0; i < 200; i++) {
        total += customer.hashCode() ^ i;
      }
      return total;
    }
  }

  /** The JVM the agent is attached to. */
  static final class Target {
    public static void main(String[] args) throws Exception {
      int wanted = Integer.parseInt(args[0]);
      loadJdkClasses(wanted);
      int loaded = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
      // One request due every millisecond; its latency runs from when it was due.
      long[] due = new long[600_000];
      long[] latency = new long[600_000];
      int[] count = {0};
      Shop shop = new Shop();
      Thread requests =
          new Thread(
              () -> {
                long next = System.nanoTime();
                while (count[0] < due.length) {
                  next += 1_000_000L;
                  long now;
                  while ((now = System.nanoTime()) < next) {
                    Thread.onSpinWait();
                  }
                  shop.checkout("C-" + (count[0] % 1000));
                  synchronized (count) {
                    due[count[0]] = next;
                    latency[count[0]] = System.nanoTime() - next;
                    count[0]++;
                  }
                }
              },
              "requests");
      requests.setDaemon(true);
      requests.start();
      System.out.println("ready " + loaded + " classes loaded");
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("report ")) {
          long window = Long.parseLong(line.substring("report ".length()));
          long now = System.nanoTime();
          synchronized (count) {
            System.out.println(summary(due, latency, count[0], now - 2 * window, now - window));
            System.out.println(summary(due, latency, count[0], now - window, now));
          }
        } else if (line.equals("quit")) {
          System.out.println("bye after " + count[0] + " requests");
          return;
        }
      }
    }

    private static String summary(long[] due, long[] latency, int count, long from, long to) {
      List<Long> window = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (due[i] >= from && due[i] < to) {
          window.add(latency[i]);
        }
      }
      if (window.isEmpty()) {
        return "no requests";
      }
      Collections.sort(window);
      return String.format(
          "%,d requests, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms",
          window.size(),
          window.get(window.size() / 2) / 1e6,
          window.get((int) (window.size() * 0.99)) / 1e6,
          window.get(window.size() - 1) / 1e6);
    }

    /** Loads the JDK's classes by name, not initialising them, until {@code wanted} are loaded. */
    private static void loadJdkClasses(int wanted) throws Exception {
      FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
      List<String> names = new ArrayList<>();
      try (Stream<Path> files = Files.walk(jrt.getPath("/modules"))) {
        files
            .map(Path::toString)
            .filter(p -> p.endsWith(".class") && !p.endsWith("module-info.class"))
            .forEach(
                p ->
                    names.add(
                        p.substring(p.indexOf('/', "/modules/".length()) + 1, p.length() - 6)
                            .replace('/', '.')));
      }
      ClassLoader loader = ClassLoader.getSystemClassLoader();
      for (String name : names) {
        if (ManagementFactory.getClassLoadingMXBean().getLoadedClassCount() >= wanted) {
          return;
        }
        try {
          Class.forName(name, false, loader);
        } catch (Throwable e) {
          // not loadable on its own (a platform-internal class): skip it
        }
      }
    }
  }
}
