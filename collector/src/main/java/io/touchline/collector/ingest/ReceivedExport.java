package io.touchline.collector.ingest;

import io.grpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * An OTLP/gRPC export message as received: the request, or why it could not be read.
 *
 * @param request null when the message was refused
 * @param refusal null when the message was read
 */
record ReceivedExport(ExportTraceServiceRequest request, Status refusal) {

  static ReceivedExport of(ExportTraceServiceRequest request) {
    return new ReceivedExport(request, null);
  }

  static ReceivedExport refused(Status refusal) {
    return new ReceivedExport(null, refusal);
  }
}
