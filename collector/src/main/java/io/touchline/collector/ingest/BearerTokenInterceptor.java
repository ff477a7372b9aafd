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
    if (token.accepts(withCanonicalScheme(sent))) {
      return next.startCall(call, headers);
    }
    counters.recordRequestRejected("unauthenticated");
    call.close(Status.UNAUTHENTICATED.withDescription(BearerToken.refusal(sent)), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /**
   * The metadata as {@link BearerToken} compares it, with its scheme spelled {@code Bearer}: RFC
   * 7235 makes the scheme case-insensitive, so {@code bearer <token>} is the same credential. The
   * token itself is compared as sent. (The same rule as {@code web.BearerTokenFilter}'s, for HTTP.)
   */
  static String withCanonicalScheme(String authorization) {
    if (authorization == null) {
      return null;
    }
    String sent = authorization.strip();
    int space = sent.indexOf(' ');
    return space > 0 && sent.substring(0, space).equalsIgnoreCase("Bearer")
        ? "Bearer " + sent.substring(space + 1).stripLeading()
        : authorization;
  }
}
