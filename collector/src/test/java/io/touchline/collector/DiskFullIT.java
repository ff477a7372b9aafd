package io.touchline.collector;

import static io.touchline.collector.testing.OtlpSpans.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.testing.CollectorProcess;
import io.touchline.collector.testing.OtlpSpans;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, played by a file-size limit put on the running collector with {@code prlimit} (the
 * JVM ignores SIGXFSZ, so a write past the limit fails with EFBIG; nothing is mounted, so nothing
 * is left behind when the test dies): ingest is refused with 503 / UNAVAILABLE while the store
 * cannot write, {@code /api/health} and {@code /metrics} say so, and once the limit is lifted the
 * refused batches go in. Every acknowledged touchpoint is then readable, once, and still there
 * after kill -9 and a restart. Once with the write-ahead log unable to grow, once with a checkpoint
 * unable to write the database file (which makes DuckDB give the database up until it is reopened).
 */
class DiskFullIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SPANS_PER_REQUEST = 100;
  private static final long SEED = 20_261_207L;
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<CollectorProcess> collectors = new ArrayList<>();
  private ManagedChannel channel;

  /** Every span id (trace id + span id, hex) the collector answered 200 or OK for. */
  private final Set<String> acknowledged = new HashSet<>();

  private final Random random = new Random(SEED);
  private int nextRequest;
  private String otlp;
  private String api;

  @BeforeAll
  static void needsPrlimit() {
    boolean found;
    try {
      found = new ProcessBuilder("prlimit", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      found = false;
    }
    assumeTrue(
        found, "prlimit (util-linux) is not installed: the file-size limit cannot be applied");
  }

  @AfterEach
  void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    collectors.forEach(CollectorProcess::close);
  }

  @Test
  void aWriteAheadLogThatCannotGrowRefusesIngestAndLosesNothingAcknowledged() throws Exception {
    CollectorProcess collector = start("checkpointThreshold: 256MB");
    sendUntilAcknowledged(2_000);

    limitFileSize(collector, largestStoreFile() + 150_000);
    List<ExportTraceServiceRequest> refused = sendUntilRefused();
    JsonNode storage = health().get("storage");
    assertThat(storage.get("lastFailure").asText()).contains(".wal").contains("File too large");
    assertThat(storage.get("reopens").asLong()).isZero();
    assertThat(storedIds())
        .as("reads go on while the store fails, from what was committed")
        .isEqualTo(countOnce(acknowledged));

    liftFileSizeLimit(collector);
    resendUntilAcknowledged(refused);
    collector.awaitLine("the store writes again", PATIENCE.toSeconds());
    assertEverythingAcknowledgedIsStoredOnceAcrossKillMinus9(
        collector, "checkpointThreshold: 256MB");
    assertThat(stderr(0)).as("said once, not per batch").containsOnlyOnce("the store cannot write");
  }

  @Test
  void aCheckpointThatCannotWriteTheFileIsReopenedAndLosesNothingAcknowledged() throws Exception {
    // A small threshold: the log is folded into the file every megabyte, and a fold that cannot
    // grow the file makes DuckDB give the database up.
    CollectorProcess collector = start("checkpointThreshold: 1MB");
    sendUntilAcknowledged(6_000);

    limitFileSize(collector, largestStoreFile() + 64_000);
    List<ExportTraceServiceRequest> refused = sendUntilRefused();
    assertThat(metric("touchline_store_reopens_total"))
        .as("the database given up was reopened")
        .isGreaterThanOrEqualTo(1);

    liftFileSizeLimit(collector);
    resendUntilAcknowledged(refused);
    assertEverythingAcknowledgedIsStoredOnceAcrossKillMinus9(collector, "checkpointThreshold: 1MB");
  }

  private CollectorProcess start(String storage) throws Exception {
    Path config = CollectorProcess.writeConfig(dir, "  " + storage + "\n");
    CollectorProcess collector =
        CollectorProcess.launch(
            dir, dir.resolve(collectors.size() + ".stderr.log"), "--config", config.toString());
    collectors.add(collector);
    Matcher ready = collector.awaitReady();
    otlp = ready.group(1) + "/v1/traces";
    api = ready.group(2);
    if (channel != null) {
      channel.shutdownNow();
    }
    String[] grpc = ready.group(3).split(":");
    channel =
        NettyChannelBuilder.forAddress(grpc[0], Integer.parseInt(grpc[1])).usePlaintext().build();
    return collector;
  }

  /** Fresh spans, seeded: {@link #SPANS_PER_REQUEST} touchpoints of 40 sessions. */
  private ExportTraceServiceRequest nextRequest() {
    int request = nextRequest++;
    Span[] spans = new Span[SPANS_PER_REQUEST];
    for (int i = 0; i < SPANS_PER_REQUEST; i++) {
      byte[] trace = new byte[16];
      trace[0] = 7;
      trace[1] = (byte) (request >> 16);
      trace[2] = (byte) (request >> 8);
      trace[3] = (byte) request;
      trace[4] = (byte) i;
      byte[] span = {1, 2, 3, 4, 5, 6, 7, (byte) (i + 1)};
      spans[i] =
          Span.newBuilder()
              .setName("page.view")
              .setTraceId(ByteString.copyFrom(trace))
              .setSpanId(ByteString.copyFrom(span))
              .setStartTimeUnixNano(OtlpSpans.START_NANOS + random.nextInt(1_000_000_000))
              .setEndTimeUnixNano(OtlpSpans.START_NANOS + 2_000_000_000L)
              .addAttributes(attribute("touchline.key.session", "s-" + random.nextInt(40)))
              .addAttributes(attribute("page", "p-" + random.nextInt(1_000)))
              .build();
    }
    return OtlpSpans.request(List.of(attribute("service.name", "disk-full")), spans);
  }

  private static List<String> ids(ExportTraceServiceRequest request) {
    List<String> ids = new ArrayList<>();
    for (Span span : request.getResourceSpans(0).getScopeSpans(0).getSpansList()) {
      ids.add(id(span.getTraceId().toByteArray(), span.getSpanId().toByteArray()));
    }
    return ids;
  }

  private static String id(byte[] traceId, byte[] spanId) {
    return HexFormat.of().formatHex(traceId) + "/" + HexFormat.of().formatHex(spanId);
  }

  /** Sends over OTLP/HTTP; true when acknowledged, false when refused as retryable. */
  private boolean sendHttp(ExportTraceServiceRequest request) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(otlp))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() == 200) {
      acknowledged.addAll(ids(request));
      return true;
    }
    assertThat(answer.statusCode()).as("a refusal is retryable: " + answer.body()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    return false;
  }

  /** Sends over OTLP/gRPC; true when acknowledged, false when refused as retryable. */
  private boolean sendGrpc(ExportTraceServiceRequest request) {
    try {
      TraceServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(PATIENCE.toSeconds(), TimeUnit.SECONDS)
          .export(request);
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).as(e.toString()).isEqualTo(Status.Code.UNAVAILABLE);
      com.google.rpc.Status status = StatusProto.fromThrowable(e);
      assertThat(status).isNotNull();
      assertThat(status.getDetailsList()).anyMatch(detail -> detail.is(RetryInfo.class));
      return false;
    }
    acknowledged.addAll(ids(request));
    return true;
  }

  private void sendUntilAcknowledged(int touchpoints) throws Exception {
    while (acknowledged.size() < touchpoints) {
      assertThat(sendHttp(nextRequest())).as("acknowledged before any limit").isTrue();
    }
  }

  /**
   * Sends fresh requests, over OTLP/HTTP and gRPC in turn, until both have been refused a few times
   * and the collector says it is failing; returns the refused requests.
   */
  private List<ExportTraceServiceRequest> sendUntilRefused() throws Exception {
    List<ExportTraceServiceRequest> refused = new ArrayList<>();
    List<Long> refusalMillis = new ArrayList<>();
    int refusedHttp = 0;
    int refusedGrpc = 0;
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    for (int sent = 0; refusedHttp < 5 || refusedGrpc < 5 || !failing(); sent++) {
      assertThat(System.nanoTime()).as("refusals within " + PATIENCE).isLessThan(deadline);
      ExportTraceServiceRequest request = nextRequest();
      long began = System.nanoTime();
      boolean overHttp = sent % 2 == 0;
      if (!(overHttp ? sendHttp(request) : sendGrpc(request))) {
        refusalMillis.add((System.nanoTime() - began) / 1_000_000);
        refused.add(request);
        if (overHttp) {
          refusedHttp++;
        } else {
          refusedGrpc++;
        }
      }
    }
    long[] sorted = refusalMillis.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.println(
        "DiskFullIT: "
            + sorted.length
            + " refusals, ms: median "
            + sorted[sorted.length / 2]
            + ", max "
            + sorted[sorted.length - 1]
            + " "
            + Arrays.toString(sorted));
    assertThat(sorted[sorted.length / 2])
        .as("while the store fails, a refusal waits for no disk")
        .isLessThan(500);

    JsonNode health = health();
    assertThat(health.get("status").asText()).isEqualTo("degraded");
    assertThat(health.get("storage").get("state").asText()).isEqualTo("failing");
    assertThat(health.get("storage").get("lastFailure").asText()).contains("File too large");
    assertThat(health.get("storage").get("failingSince").asText()).isNotEmpty();
    assertThat(metric("touchline_store_up")).isZero();
    assertThat(metric("touchline_store_write_failures_total")).isPositive();
    return refused;
  }

  private boolean failing() throws Exception {
    return health().get("storage").get("state").asText().equals("failing");
  }

  /** Sends each refused request again until it is acknowledged. */
  private void resendUntilAcknowledged(List<ExportTraceServiceRequest> refused) throws Exception {
    long lifted = System.nanoTime();
    long deadline = lifted + PATIENCE.toNanos();
    int turn = 0;
    for (ExportTraceServiceRequest request : refused) {
      while (!(turn++ % 2 == 0 ? sendHttp(request) : sendGrpc(request))) {
        assertThat(System.nanoTime()).as("acknowledged within " + PATIENCE).isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(100); // the store is tried at most once a second
      }
    }
    System.out.println(
        "DiskFullIT: the "
            + refused.size()
            + " refused requests acknowledged "
            + (System.nanoTime() - lifted) / 1_000_000
            + " ms after the limit was lifted");
    JsonNode health = health();
    assertThat(health.get("status").asText()).isEqualTo("ok");
    assertThat(health.get("storage").get("state").asText()).isEqualTo("ok");
    assertThat(health.get("storage").has("failingSince")).isFalse();
    assertThat(metric("touchline_store_up")).isEqualTo(1);
  }

  private void assertEverythingAcknowledgedIsStoredOnceAcrossKillMinus9(
      CollectorProcess collector, String storage) throws Exception {
    Map<String, Integer> expected = countOnce(acknowledged);
    assertThat(storedIds()).as("every acknowledged touchpoint, once").isEqualTo(expected);
    collector.kill();
    start(storage);
    assertThat(storedIds())
        .as("every acknowledged touchpoint, once, after kill -9 and a restart")
        .isEqualTo(expected);
  }

  private static Map<String, Integer> countOnce(Set<String> ids) {
    Map<String, Integer> counts = new HashMap<>();
    ids.forEach(id -> counts.put(id, 1));
    return counts;
  }

  /** How many times each touchpoint is stored, read page by page from /api/touchpoints. */
  private Map<String, Integer> storedIds() throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    String cursor = null;
    do {
      JsonNode page =
          get("/api/touchpoints?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
      for (JsonNode touchpoint : page.get("touchpoints")) {
        counts.merge(
            touchpoint.get("traceId").asText() + "/" + touchpoint.get("spanId").asText(),
            1,
            Integer::sum);
      }
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    return counts;
  }

  private JsonNode health() throws Exception {
    return get("/api/health");
  }

  /** An API answer; a reopen of the database may refuse a read for a moment, so 5xx is retried. */
  private JsonNode get(String path) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(api + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 200) {
        return JSON.readTree(answer.body());
      }
      assertThat(answer.statusCode()).as(path + ": " + answer.body()).isGreaterThanOrEqualTo(500);
      assertThat(System.nanoTime()).as(path + " answered within " + PATIENCE).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private double metric(String name) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    for (String line : answer.body().split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    throw new AssertionError(name + " not in /metrics");
  }

  private long largestStoreFile() throws IOException {
    long largest = 0;
    try (var files = Files.list(dir.resolve("data"))) {
      for (Path file : files.toList()) {
        if (Files.isRegularFile(file)) {
          largest = Math.max(largest, Files.size(file));
        }
      }
    }
    return largest;
  }

  /**
   * Only the soft limit: raising it again needs no privilege (a hard limit, once lowered, can be
   * raised by root with CAP_SYS_RESOURCE only).
   */
  private static void limitFileSize(CollectorProcess collector, long bytes) throws Exception {
    prlimit(collector, bytes + ":");
  }

  private static void liftFileSizeLimit(CollectorProcess collector) throws Exception {
    prlimit(collector, "unlimited:");
  }

  private static void prlimit(CollectorProcess collector, String fsize) throws Exception {
    Process prlimit =
        new ProcessBuilder(
                "prlimit", "--pid", Long.toString(collector.process().pid()), "--fsize=" + fsize)
            .redirectErrorStream(true)
            .start();
    String output = new String(prlimit.getInputStream().readAllBytes());
    assertThat(prlimit.waitFor()).as("prlimit --fsize=" + fsize + ": " + output).isZero();
  }

  private String stderr(int collector) throws IOException {
    return Files.readString(dir.resolve(collector + ".stderr.log"));
  }
}
