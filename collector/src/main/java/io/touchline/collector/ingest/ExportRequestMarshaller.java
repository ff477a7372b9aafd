package io.touchline.collector.ingest;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.InputStream;

/**
 * Reads an OTLP/gRPC export message without ever throwing. With grpc-java's own protobuf marshaller
 * a message that does not parse throws out of gRPC's executor: the call ends as {@code UNKNOWN} and
 * gRPC logs a SEVERE stack trace for each such request, so a broken sender floods the log. Here the
 * failure becomes a value the service answers as {@code INVALID_ARGUMENT}.
 */
final class ExportRequestMarshaller implements MethodDescriptor.Marshaller<ReceivedExport> {

  @Override
  public ReceivedExport parse(InputStream message) {
    try {
      return ReceivedExport.of(ExportTraceServiceRequest.parseFrom(message));
    } catch (Exception e) {
      Status status = Status.fromThrowable(e);
      if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
        // gRPC's size limit, met while un-gzipping the message: refused as too large, as a
        // message declared too large is (rather than UNKNOWN, grpc-java #11246).
        return ReceivedExport.refused(status);
      }
      return ReceivedExport.refused(
          Status.INVALID_ARGUMENT.withDescription(
              "the message is not an OTLP ExportTraceServiceRequest: " + e.getMessage()));
    }
  }

  @Override
  public InputStream stream(ReceivedExport export) {
    // Only a client sends requests; kept whole for a test or a proxy that would.
    return export.request().toByteString().newInput();
  }
}
