package io.touchline.collector.ingest;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.touchline.collector.config.BearerTokens;
import io.touchline.collector.config.Caller;
import io.touchline.collector.config.Scope;
import java.util.Optional;

/**
 * The gRPC side of the {@code ingest} scope: a call without {@code authorization: Bearer <token>}
 * metadata naming a token of {@code auth} ends with {@code UNAUTHENTICATED}, one whose token lacks
 * the scope with {@code PERMISSION_DENIED}, before the service reads its message.
 */
final class BearerTokenInterceptor implements ServerInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final BearerTokens tokens;
  private final IngestCounters counters;

  BearerTokenInterceptor(BearerTokens tokens, IngestCounters counters) {
    this.tokens = tokens;
    this.counters = counters;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String sent = headers.get(AUTHORIZATION);
    Optional<Caller> caller = tokens.caller(sent);
    if (caller.isPresent() && caller.get().may(Scope.INGEST)) {
      return next.startCall(call, headers);
    }
    Status status;
    if (caller.isEmpty()) {
      counters.recordRequestRejected("unauthenticated");
      status = Status.UNAUTHENTICATED.withDescription(BearerTokens.refusal(sent));
    } else {
      counters.recordRequestRejected("forbidden");
      status =
          Status.PERMISSION_DENIED.withDescription(
              BearerTokens.forbidden(caller.get(), Scope.INGEST));
    }
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
