package io.touchline.collector.ingest;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.touchline.collector.log.CollectorLog;
import io.touchline.collector.log.InternalFailures;
import java.util.Objects;

/**
 * The OTLP/gRPC {@code TraceService}: answers as the OTLP specification says, like the HTTP
 * transport. OK only once the batch is committed (with a partial success for spans that could not
 * be used); {@code INVALID_ARGUMENT} for a message that is not an export request; {@code
 * UNAVAILABLE} with a {@code RetryInfo} when the sender should retry; {@code INTERNAL} with a
 * request id when the collector fails. Nothing it is given makes it throw into gRPC.
 */
public final class OtlpGrpcService implements BindableService {

  private static final String MALFORMED_TOPIC = "otlp-grpc-malformed";

  private final TraceIngest ingest;

  public OtlpGrpcService(TraceIngest ingest) {
    this.ingest = ingest;
  }

  /**
   * {@code TraceService/Export} as the generated service declares it, but read with {@link
   * ExportRequestMarshaller}, so that a message that does not parse reaches {@link #export}.
   */
  @Override
  public ServerServiceDefinition bindService() {
    MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> generated =
        TraceServiceGrpc.getExportMethod();
    MethodDescriptor<ReceivedExport, ExportTraceServiceResponse> export =
        generated.toBuilder(new ExportRequestMarshaller(), generated.getResponseMarshaller())
            .build();
    return ServerServiceDefinition.builder(TraceServiceGrpc.SERVICE_NAME)
        .addMethod(export, ServerCalls.asyncUnaryCall(this::export))
        .build();
  }

  void export(
      ReceivedExport received, StreamObserver<ExportTraceServiceResponse> responseObserver) {
    if (received.refusal() != null) {
      refuse(received.refusal(), responseObserver);
      return;
    }
    ExportTraceServiceResponse response;
    try {
      response = ingest.export(received.request());
    } catch (IngestUnavailableException e) {
      // Nothing was acknowledged: the sender keeps the batch and retries after the pause.
      responseObserver.onError(unavailable(e));
      return;
    } catch (Throwable e) {
      // A bug or an Error, not the sender's fault. Thrown into gRPC it would end the call as
      // UNKNOWN with a SEVERE line of gRPC's own; the details stay in our log, under the id.
      ingest.counters().recordRequestRejected("internal_error");
      String id = InternalFailures.report("OTLP/gRPC Export", e);
      responseObserver.onError(
          Status.INTERNAL.withDescription("internal error (request " + id + ")").asException());
      return;
    }
    responseObserver.onNext(response);
    responseObserver.onCompleted();
  }

  private void refuse(Status refusal, StreamObserver<ExportTraceServiceResponse> responseObserver) {
    // RESOURCE_EXHAUSTED is counted where gRPC refuses a message declared too large
    // (OtlpGrpcServer), whoever answers it.
    if (refusal.getCode() == Status.Code.INVALID_ARGUMENT) {
      ingest.counters().recordRequestRejected("malformed");
      // Once: a broken sender sends one with every batch; the metric counts them.
      CollectorLog.errorOnce(
          MALFORMED_TOPIC,
          "OTLP/gRPC: refused a malformed export request ("
              + refusal.getDescription()
              + "); further ones are counted in"
              + " touchline_otlp_requests_rejected_total{reason=\"malformed\"}, not logged");
    }
    responseObserver.onError(refusal.asException());
  }

  /** OTLP/gRPC has no Retry-After header: the delay travels as a RetryInfo status detail. */
  private static StatusRuntimeException unavailable(IngestUnavailableException e) {
    RetryInfo retry =
        RetryInfo.newBuilder()
            .setRetryDelay(Duration.newBuilder().setSeconds(e.retryAfterSeconds()))
            .build();
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNAVAILABLE_VALUE)
            .setMessage(Objects.requireNonNullElse(e.getMessage(), "retry later"))
            .addDetails(Any.pack(retry))
            .build());
  }
}
