package io.touchline.collector.ingest;

import static io.touchline.collector.testing.OtlpSpans.attribute;
import static io.touchline.collector.testing.OtlpSpans.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.store.Database;
import io.touchline.collector.store.TouchpointStore;
import io.touchline.collector.store.WriteQueue;
import io.touchline.collector.testing.IndexedStore;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.RawGrpcExport;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gRPC transport on a free port over a real store, fed by the official OpenTelemetry Java SDK
 * exporter, and by a raw gRPC stub where the test needs to see the status itself.
 */
class OtlpGrpcServerTest {

  private static final String HOST = "127.0.0.1";
  private static final long MAX_BODY_BYTES = 64 * 1024;

  @TempDir Path data;
  private Database database;
  private TouchpointStore store;
  private IndexedStore indexed;
  private WriteQueue queue;
  private TraceIngest ingest;
  private OtlpGrpcServer server;
  private ManagedChannel channel;
  private final OtlpSpans spans = new OtlpSpans();
  private SdkTracerProvider tracerProvider;

  @BeforeEach
  void openStore() throws Exception {
    database = Database.open(data, "256MB");
    store = new TouchpointStore(database);
    indexed = IndexedStore.over(store);
    queue = new WriteQueue(store, 100_000, 10_000, n -> {});
    ingest = ingest(queue);
  }

  @AfterEach
  void closeAll() throws Exception {
    if (tracerProvider != null) {
      tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
    }
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
    queue.close();
    store.close();
    database.close();
  }

  private static TraceIngest ingest(TouchpointSink sink) {
    return new TraceIngest(
        new SpanTranslator(KeyTypes.defaults()),
        sink,
        new IngestCounters(),
        Duration.ofSeconds(30));
  }

  private OtlpGrpcServer start(TraceIngest ingest) throws IOException {
    // Threads named as the collector names them, so the test can find them.
    java.util.concurrent.atomic.AtomicInteger count =
        new java.util.concurrent.atomic.AtomicInteger();
    server =
        OtlpGrpcServer.start(
            HOST,
            0,
            ingest,
            MAX_BODY_BYTES,
            null,
            runnable -> new Thread(runnable, "touchline-otlp-grpc-" + count.incrementAndGet()));
    return server;
  }

  /**
   * Sends what {@code record} records with the SDK's OTLP/gRPC exporter; true when that succeeded.
   */
  private boolean exportWithSdk(
      UnaryOperator<OtlpGrpcSpanExporterBuilder> options, Consumer<Tracer> record) {
    OtlpGrpcSpanExporter exporter =
        options
            .apply(
                OtlpGrpcSpanExporter.builder().setEndpoint("http://" + HOST + ":" + server.port()))
            .build();
    tracerProvider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(
                    Attributes.of(AttributeKey.stringKey("service.name"), "storefront")))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    record.accept(tracerProvider.get("test"));
    // Fails when any export failed; an export succeeds only once its batch is committed.
    return tracerProvider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess();
  }

  /** A request with one touchpoint span keyed by {@code user.id}. */
  private ExportTraceServiceRequest login(String userId) {
    return request(List.of(), spans.span("login", attribute("user.id", userId)).build());
  }

  private TraceServiceGrpc.TraceServiceBlockingStub rawStub() {
    if (channel == null) {
      channel = NettyChannelBuilder.forAddress(HOST, server.port()).usePlaintext().build();
    }
    return TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  private List<Touchpoint> storedWith(CustomerKey key) throws Exception {
    return indexed.profileTouchpoints(key);
  }

  private static void recordStandardUserSpans(Tracer tracer) {
    tracer
        .spanBuilder("POST /login")
        .setAttribute("user.id", "C-7")
        .setAttribute("user.email", " Ann@Example.COM ")
        .setAttribute("session.id", "sess-1")
        .startSpan()
        .end();
    tracer
        .spanBuilder("checkout")
        .setAttribute("touchline.touchpoint", "order.placed")
        .setAttribute("session.id", "sess-1")
        .startSpan()
        .end();
  }

  @Test
  void storesSpansFromTheOtelSdkExporter() throws Exception {
    start(ingest);

    assertThat(exportWithSdk(b -> b, OtlpGrpcServerTest::recordStandardUserSpans)).isTrue();

    List<Touchpoint> stored = storedWith(new CustomerKey("session", "sess-1"));
    assertThat(stored)
        .extracting(Touchpoint::touchpoint)
        .containsExactlyInAnyOrder("POST /login", "order.placed");
    Touchpoint login =
        stored.stream().filter(t -> t.touchpoint().equals("POST /login")).findFirst().orElseThrow();
    assertThat(login.keys())
        .isEqualTo(
            Map.of(
                "customer_id", List.of("C-7"),
                "email", List.of("ann@example.com"),
                "session", List.of("sess-1")));
    assertThat(login.service()).isEqualTo("storefront");
    assertThat(ingest.counters().touchpointsStored()).isEqualTo(2);
  }

  @Test
  void acceptsGzipFromTheOtelSdkExporter() throws Exception {
    start(ingest);

    assertThat(
            exportWithSdk(
                b -> b.setCompression("gzip"), OtlpGrpcServerTest::recordStandardUserSpans))
        .isTrue();

    assertThat(storedWith(new CustomerKey("email", "ann@example.com")))
        .as("the login and the order of the profile the e-mail belongs to")
        .hasSize(2);
  }

  @Test
  void fullQueueIsUnavailableWithRetryInfo() throws Exception {
    start(
        ingest(
            batch -> {
              throw new SinkFullException("the write queue is full");
            }));

    StatusRuntimeException refused =
        catchThrowableOfType(StatusRuntimeException.class, () -> rawStub().export(login("C-1")));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(refused.getStatus().getDescription()).isEqualTo("the write queue is full");
    com.google.rpc.Status status = StatusProto.fromThrowable(refused);
    assertThat(status).isNotNull();
    assertThat(status.getDetailsList()).hasSize(1);
    Any detail = status.getDetails(0);
    assertThat(detail.is(RetryInfo.class)).isTrue();
    assertThat(detail.unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(1);
  }

  @Test
  void invalidTraceIdIsAPartialSuccess() throws Exception {
    start(ingest);
    ExportTraceServiceRequest request =
        request(
            List.of(attribute("service.name", "storefront")),
            spans.span("login", attribute("user.id", "C-1")).build(),
            spans
                .span("broken", attribute("user.id", "C-1"))
                .setTraceId(ByteString.copyFrom(new byte[16]))
                .build());

    ExportTraceServiceResponse response = rawStub().export(request);

    assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage())
        .contains("trace_id must not be all zeros");
    assertThat(storedWith(new CustomerKey("customer_id", "C-1")))
        .extracting(Touchpoint::touchpoint)
        .containsExactly("login");
  }

  @Test
  void messageOverTheLimitIsResourceExhausted() throws Exception {
    start(ingest);
    String big = "x".repeat((int) MAX_BODY_BYTES);

    StatusRuntimeException refused =
        catchThrowableOfType(StatusRuntimeException.class, () -> rawStub().export(login(big)));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    awaitTrue(() -> ingest.counters().requestsRejected().equals(Map.of("too_large", 1L)));
    assertThat(ingest.counters().spansReceived()).isZero();
  }

  @Test
  void gzipMessageThatInflatesOverTheLimitIsRefused() throws Exception {
    start(ingest);
    // Compresses to a few hundred bytes: only the decompressed size can exceed the limit.
    String big = "x".repeat((int) MAX_BODY_BYTES);

    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> rawStub().withCompression("gzip").export(login(big)));

    // grpc-java alone would answer UNKNOWN here (grpc-java #11246).
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    awaitTrue(() -> ingest.counters().requestsRejected().equals(Map.of("too_large", 1L)));
    assertThat(ingest.counters().spansReceived()).isZero();
  }

  @Test
  void malformedMessageIsInvalidArgumentCountedAndNotLoggedBygRpc() throws Exception {
    start(ingest);
    List<LogRecord> severe = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
              severe.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      rawStub(); // opens the channel
      for (int i = 0; i < 3; i++) {
        StatusRuntimeException refused =
            catchThrowableOfType(
                StatusRuntimeException.class,
                () ->
                    ClientCalls.blockingUnaryCall(
                        channel,
                        RawGrpcExport.METHOD,
                        CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS),
                        new byte[] {(byte) 0xff, 0x01, 0x02}));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getStatus().getDescription())
            .startsWith("the message is not an OTLP ExportTraceServiceRequest");
      }
      awaitTrue(() -> ingest.counters().requestsRejected().equals(Map.of("malformed", 3L)));
      // The next, well-formed request is served as ever.
      assertThat(rawStub().export(login("C-1")).hasPartialSuccess()).isFalse();
    } finally {
      root.removeHandler(capture);
    }
    assertThat(severe).extracting(LogRecord::getMessage).isEmpty();
  }

  @Test
  void anErrorWhileExportingIsInternalWithARequestIdAndTheNextCallIsServed() throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    TraceIngest failingOnce =
        ingest(
            batch -> {
              if (calls.incrementAndGet() == 1) {
                throw new AssertionError("injected");
              }
              return queue.submit(batch);
            });
    start(failingOnce);

    StatusRuntimeException failed =
        catchThrowableOfType(StatusRuntimeException.class, () -> rawStub().export(login("C-1")));

    assertThat(failed.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(failed.getStatus().getDescription())
        .matches("internal error \\(request [0-9a-f]{12}\\)");
    assertThat(failingOnce.counters().requestsRejected()).isEqualTo(Map.of("internal_error", 1L));
    assertThat(rawStub().export(login("C-2")).hasPartialSuccess()).isFalse();
    assertThat(storedWith(new CustomerKey("customer_id", "C-2"))).hasSize(1);
  }

  @Test
  void closeWhileIdleIsPromptFreesThePortAndStopsItsThreads() throws Exception {
    start(ingest);
    rawStub().export(login("C-1"));
    assertThat(grpcThreads()).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isFalse());
    int port = server.port();

    long started = System.nanoTime();
    server.close(); // the client's connection is still open, and idle
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(tookMillis).as("close took %d ms", tookMillis).isLessThan(5_000);
    // The pool is terminated once close() returns; a worker may still be leaving run().
    for (Thread thread : grpcThreads()) {
      thread.join(5_000);
    }
    assertThat(grpcThreads()).isEmpty();
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(HOST, port));
    }
  }

  @Test
  void closeLetsAnExportInFlightFinishAndBeAnswered() throws Exception {
    CountDownLatch submitted = new CountDownLatch(1);
    CompletableFuture<Void> commit = new CompletableFuture<>();
    start(
        ingest(
            batch -> {
              submitted.countDown();
              return commit;
            }));
    channel = NettyChannelBuilder.forAddress(HOST, server.port()).usePlaintext().build();
    ListenableFuture<ExportTraceServiceResponse> answer =
        TraceServiceGrpc.newFutureStub(channel)
            .withDeadlineAfter(20, TimeUnit.SECONDS)
            .export(login("C-1"));
    assertThat(submitted.await(10, TimeUnit.SECONDS)).isTrue();

    Thread closer = new Thread(server::close, "closer");
    closer.start();
    // Waiting in close() means the server has stopped taking calls and waits for this one.
    awaitTrue(() -> closer.getState() == Thread.State.TIMED_WAITING);
    commit.complete(null);

    assertThat(answer.get(10, TimeUnit.SECONDS).hasPartialSuccess()).isFalse();
    closer.join(10_000);
    assertThat(closer.isAlive()).isFalse();
  }

  @Test
  void portInUseNamesTheAddressAndTheConfigField() throws Exception {
    start(ingest);

    BindException e =
        catchThrowableOfType(
            BindException.class,
            () -> OtlpGrpcServer.start(HOST, server.port(), ingest, MAX_BODY_BYTES));

    assertThat(e.getMessage()).contains(HOST + ":" + server.port()).contains("otlp.grpcPort");
  }

  /** Counters are updated as gRPC closes the stream, which may be just after the client hears. */
  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition not met within 10 s").isNegative();
      Thread.sleep(10);
    }
  }

  private static Set<Thread> grpcThreads() {
    Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
    threads.removeIf(t -> !t.getName().matches("touchline-otlp-grpc-\\d+"));
    return threads;
  }
}
