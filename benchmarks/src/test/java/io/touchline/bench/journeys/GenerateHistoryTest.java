package io.touchline.bench.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateHistoryTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @TempDir Path tmp;

  @Test
  void readsEveryOption() {
    GenerateHistory.Options o =
        GenerateHistory.parse(
            new String[] {
              "--customers", "80", "--days", "30", "--end", "2026-11-01T00:00:00Z", "--seed", "9",
              "--truth", "t.jsonl", "--otlp", "http://127.0.0.1:4318/", "--token", "secret",
                  "--batch", "100"
            },
            NOW);
    assertThat(o)
        .isEqualTo(
            new GenerateHistory.Options(
                "http://127.0.0.1:4318",
                80,
                30,
                Instant.parse("2026-11-01T00:00:00Z"),
                9,
                Path.of("t.jsonl"),
                "secret",
                100));
    assertThat(
            GenerateHistory.parse(new String[] {"--otlp", "http://h:1", "--end", "now"}, NOW).end())
        .isEqualTo(NOW);
  }

  @Test
  void namesTheOptionThatIsMissingOrWrong() {
    assertThatThrownBy(() -> GenerateHistory.parse(new String[] {"--customers", "10"}, NOW))
        .hasMessageContaining("--otlp URL is required");
    assertThatThrownBy(() -> parse("--customers", "ten"))
        .hasMessage("--customers must be a whole number, was 'ten'");
    assertThatThrownBy(() -> parse("--customers", "1000000"))
        .hasMessageContaining("--customers must be from 1 to 999999");
    assertThatThrownBy(() -> parse("--end", "yesterday"))
        .hasMessageContaining("--end must be NOW or an ISO-8601 instant");
    assertThatThrownBy(() -> parse("--days", "0")).hasMessageContaining("--days must be from 1");
    assertThatThrownBy(() -> parse("--colour", "blue")).hasMessage("unknown option --colour");
    assertThatThrownBy(() -> parse("--seed")).hasMessage("--seed needs a value");
    assertThatThrownBy(() -> GenerateHistory.parse(new String[] {"--otlp", "localhost:4318"}, NOW))
        .hasMessageContaining("--otlp must be an http(s) URL");
  }

  @Test
  void sendsTheHistoryWithTheTokenAndWritesItsTruth() throws Exception {
    List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
    AtomicLong withToken = new AtomicLong();
    HttpServer collector =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    collector.createContext(
        "/v1/traces",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            received.add(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
          }
          if ("Bearer ingest-token-0123456789"
              .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            withToken.incrementAndGet();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    try {
      Path truth = tmp.resolve("truth.jsonl");
      int status =
          GenerateHistory.run(
              GenerateHistory.parse(
                  new String[] {
                    "--otlp",
                    "http://127.0.0.1:" + collector.getAddress().getPort(),
                    "--customers",
                    "30",
                    "--days",
                    "20",
                    "--end",
                    "2026-11-01T00:00:00Z",
                    "--truth",
                    truth.toString(),
                    "--token",
                    "ingest-token-0123456789"
                  },
                  NOW));
      assertThat(status).isZero();
      assertThat(received).isNotEmpty().hasSize((int) withToken.get());
      long spans =
          received.stream()
              .mapToLong(r -> r.getResourceSpans(0).getScopeSpans(0).getSpansCount())
              .sum();
      long expected = 0;
      for (String line : Files.readAllLines(truth)) {
        expected += line.split("\"touchpoints\":\\[")[1].chars().filter(c -> c == '"').count() / 2;
      }
      assertThat(spans).isPositive().isEqualTo(expected);
    } finally {
      collector.stop(0);
    }
  }

  private static GenerateHistory.Options parse(String... extra) {
    String[] args = new String[extra.length + 2];
    args[0] = "--otlp";
    args[1] = "http://127.0.0.1:4318";
    System.arraycopy(extra, 0, args, 2, extra.length);
    return GenerateHistory.parse(args, NOW);
  }
}
