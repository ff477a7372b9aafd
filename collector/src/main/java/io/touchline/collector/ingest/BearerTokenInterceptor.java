package io.touchline.collector.ingest;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.touchline.collector.config.BearerToken;

/**
 * The gRPC side of {@code auth.ingestToken}: a call without {@code authorization: Bearer <token>}
 * metadata ends with {@code UNAUTHENTICATED} before the service reads its message.
 */
final class BearerTokenInterceptor implements ServerInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final BearerToken token;
  private final IngestCounters counters;

  BearerTokenInterceptor(String token, IngestCounters counters) {
    this.token = new BearerToken(token);
    this.counters = counters;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String sent = headers.get(AUTHORIZATION);
    if (token.accepts(sent)) {
      return next.startCall(call, headers);
    }
    counters.recordRequestRejected("unauthenticated");
    call.close(Status.UNAUTHENTICATED.withDescription(BearerToken.refusal(sent)), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
