package io.touchline.agent.export;

import static io.touchline.agent.export.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.AgentConfigLoader;
import io.touchline.agent.config.ConfigException;
import io.touchline.agent.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class SpanPipelineTest {

  private static AgentConfig config(int queueSize) throws ConfigException {
    return new AgentConfigLoader(Collections.emptyMap())
        .parse(
            "agent.yaml",
            "service: shop\nchannel: web\nversion: v7\nexport:\n  queueSize: "
                + queueSize
                + "\n  flushInterval: 50ms\ntouchpoints:\n  - name: x\n    class: a.B\n    method: c\n");
  }

  @Test
  void sendsRecordsAsSpansOfTheApplicationsResource() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    SpanPipeline pipeline =
        SpanPipeline.start(config(10), Collections.emptyMap(), () -> exporter, "memory");
    pipeline.record(record("cart.add", null));
    pipeline.record(record("pay", new IllegalStateException("declined")));

    assertThat(pipeline.flush(5_000)).isTrue();
    assertThat(exporter.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .containsExactly("cart.add", "pay");
    SpanData pay = exporter.getFinishedSpanItems().get(1);
    assertThat(pay.getResource().getAttribute(AttributeKey.stringKey("service.name")))
        .isEqualTo("shop");
    assertThat(pay.getAttributes().get(AttributeKey.stringKey("touchline.config.version")))
        .isEqualTo("v7");
    assertThat(pay.getAttributes().get(AttributeKey.stringKey("touchline.outcome")))
        .isEqualTo("error");
    assertThat(
            pay.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("declined");
    assertThat(pay.getSpanContext().isValid()).isTrue();
    assertThat(pay.getStartEpochNanos()).isEqualTo(1_000);
    pipeline.shutdown(1_000);
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BlockingExporter stuck = new BlockingExporter(release);
    SpanPipeline pipeline =
        SpanPipeline.start(config(2), Collections.emptyMap(), () -> stuck, "stuck");
    pipeline.record(record("first", null));
    stuck.started.await(); // the export thread now hangs on the collector
    for (int i = 0; i < 50; i++) {
      pipeline.record(record("t" + i, null)); // returns at once even though nothing can be sent
    }
    assertThat(pipeline.droppedCount()).isEqualTo(48);
    release.countDown();
    pipeline.shutdown(1_000);
  }

  @Test
  void shutdownIsBoundedWhenTheExporterHangs() throws Exception {
    SpanExporter stuck = new BlockingExporter(new CountDownLatch(1));
    SpanPipeline pipeline =
        SpanPipeline.start(config(100), Collections.emptyMap(), () -> stuck, "stuck");
    pipeline.record(record("t", null));
    long start = System.nanoTime();
    pipeline.shutdown(300);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
  }

  @Test
  void aRefusedCertificateIsReportedOnceUntilAnExportSucceedsAgain() throws Exception {
    Deque<Boolean> outcomes = new ArrayDeque<>(Arrays.asList(false, false, true, false, false));
    SpanExporter scripted =
        new ScriptedExporter(
            () ->
                outcomes.poll()
                    ? CompletableResultCode.ofSuccess()
                    : CompletableResultCode.ofExceptionalFailure(
                        new IOException("export failed", new SSLHandshakeException("unknown CA"))));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AgentLog.setOutput(new PrintStream(log, true));
    try {
      SpanPipeline pipeline =
          SpanPipeline.start(config(10), Collections.emptyMap(), () -> scripted, "scripted");
      for (int i = 0; i < 5; i++) {
        pipeline.record(record("t" + i, null));
        assertThat(pipeline.flush(5_000)).isTrue();
      }
      pipeline.shutdown(1_000);
    } finally {
      AgentLog.setOutput(System.err);
    }

    String[] lines = log.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines)
        .filteredOn(line -> line.contains("TLS handshake"))
        .satisfiesExactly(
            first ->
                assertThat(first)
                    .startsWith(
                        "[touchline] ERROR TLS handshake with http://localhost:4318/v1/traces"
                            + " failed: javax.net.ssl.SSLHandshakeException: unknown CA."),
            recovered ->
                assertThat(recovered)
                    .isEqualTo(
                        "[touchline] INFO TLS handshake with http://localhost:4318/v1/traces"
                            + " succeeded; touchpoints are sent again"),
            again -> assertThat(again).startsWith("[touchline] ERROR TLS handshake"));
  }

  /** An exporter answering each export with the next result its script gives. */
  private static final class ScriptedExporter implements SpanExporter {
    private final Supplier<CompletableResultCode> script;

    ScriptedExporter(Supplier<CompletableResultCode> script) {
      this.script = script;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return script.get();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** An exporter whose export never completes until released: a collector that hangs. */
  private static final class BlockingExporter implements SpanExporter {
    private final CountDownLatch release;
    final CountDownLatch started = new CountDownLatch(1);

    BlockingExporter(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      CompletableResultCode result = new CompletableResultCode();
      started.countDown();
      new Thread(
              () -> {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                result.succeed();
              })
          .start();
      return result;
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
