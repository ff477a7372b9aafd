package io.touchline.collector;

import static io.touchline.collector.testing.OtlpSpans.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.testing.CollectorProcess;
import io.touchline.collector.testing.OtlpSpans;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise behind every 200: a collector killed with SIGKILL in the middle of a stream of
 * exports, restarted on the same storage, holds every touchpoint it acknowledged.
 */
class CollectorCrashIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SENDERS = 4;
  private static final int SPANS_PER_REQUEST = 200;

  /** Kill once this many touchpoints are acknowledged, while the senders keep sending. */
  private static final int KILL_AFTER_ACKNOWLEDGED = 6_000;

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<CollectorProcess> collectors = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    collectors.forEach(CollectorProcess::close);
  }

  private Matcher start(Path config, String name) throws Exception {
    CollectorProcess collector =
        CollectorProcess.launch(
            dir, dir.resolve(name + ".stderr.log"), "--config", config.toString());
    collectors.add(collector);
    return collector.awaitReady();
  }

  @Test
  void everyAcknowledgedTouchpointSurvivesKillMinus9() throws Exception {
    Path config = CollectorProcess.writeConfig(dir, "");
    Matcher ready = start(config, "first");
    String traces = ready.group(1) + "/v1/traces";

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    CountDownLatch enough = new CountDownLatch(1);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    List<Future<?>> running = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      int sender = s;
      running.add(senders.submit(() -> send(traces, sender, acknowledged, enough, stop)));
    }
    assertThat(enough.await(120, TimeUnit.SECONDS))
        .as("touchpoints acknowledged before the kill")
        .isTrue();
    collectors.get(0).kill();
    stop.set(true);
    senders.shutdown();
    assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    for (Future<?> sender : running) {
      sender.get(); // a sender that failed for another reason than the kill fails the test
    }
    Set<String> before = Set.copyOf(acknowledged);

    Matcher again = start(config, "second");
    Set<String> stored = new HashSet<>();
    for (int s = 0; s < SENDERS; s++) {
      stored.addAll(spanIdsOfProfile(again.group(2), "session:sender-" + s));
    }

    assertThat(before).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);
    assertThat(stored)
        .as("every acknowledged touchpoint is stored after the restart")
        .containsAll(before);
  }

  /**
   * Sends requests of fresh spans until told to stop or the collector is gone; records each 200.
   */
  private Void send(
      String traces,
      int sender,
      Set<String> acknowledged,
      CountDownLatch enough,
      AtomicBoolean stop)
      throws Exception {
    OtlpSpans spans = new OtlpSpans();
    for (int request = 0; !stop.get(); request++) {
      List<Span> batch = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < SPANS_PER_REQUEST; i++) {
        Span span =
            spans
                .span("visit", attribute("touchline.key.session", "sender-" + sender))
                .setTraceId(traceId(sender, request, i))
                .setSpanId(
                    com.google.protobuf.ByteString.copyFrom(new byte[] {1, 0, 0, 0, 0, 0, 0, 1}))
                .build();
        batch.add(span);
        ids.add(hex(span.getTraceId().toByteArray()));
      }
      byte[] body =
          OtlpSpans.request(List.of(attribute("service.name", "load")), batch.toArray(Span[]::new))
              .toByteArray();
      HttpResponse<byte[]> answer;
      try {
        answer =
            http.send(
                HttpRequest.newBuilder(URI.create(traces))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
      } catch (java.io.IOException e) {
        return null; // the collector was killed
      }
      if (answer.statusCode() == 200) {
        acknowledged.addAll(ids);
        if (acknowledged.size() >= KILL_AFTER_ACKNOWLEDGED) {
          enough.countDown();
        }
      } else {
        assertThat(answer.statusCode()).as("only a full queue may refuse").isEqualTo(503);
      }
    }
    return null;
  }

  private static com.google.protobuf.ByteString traceId(int sender, int request, int index) {
    byte[] id = new byte[16];
    id[0] = 1;
    id[1] = (byte) sender;
    id[4] = (byte) (request >> 16);
    id[5] = (byte) (request >> 8);
    id[6] = (byte) request;
    id[7] = (byte) (index >> 8);
    id[8] = (byte) index;
    return com.google.protobuf.ByteString.copyFrom(id);
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  /** Every trace id of a profile's timeline, page by page. */
  private Set<String> spanIdsOfProfile(String api, String key) throws Exception {
    Set<String> ids = new HashSet<>();
    String cursor = null;
    do {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          api
                              + "/api/profiles?key="
                              + key
                              + (cursor == null ? "" : "&cursor=" + cursor)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as(key + ": " + page.body()).isEqualTo(200);
      JsonNode profile = JSON.readTree(page.body());
      profile.get("touchpoints").forEach(t -> ids.add(t.get("traceId").asText()));
      cursor = profile.hasNonNull("nextCursor") ? profile.get("nextCursor").asText() : null;
    } while (cursor != null);
    return ids;
  }
}
