package io.touchline.collector.ingest;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The gRPC side of {@code auth.ingestToken}: a call without {@code authorization: Bearer <token>}
 * metadata ends with {@code UNAUTHENTICATED} before the service reads its message. The comparison
 * takes the same time whatever was sent.
 */
final class BearerTokenInterceptor implements ServerInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final byte[] expected;

  BearerTokenInterceptor(String token) {
    this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String sent = headers.get(AUTHORIZATION);
    if (sent != null && MessageDigest.isEqual(expected, sent.trim().getBytes(StandardCharsets.UTF_8))) {
      return next.startCall(call, headers);
    }
    call.close(
        Status.UNAUTHENTICATED.withDescription(
            sent == null ? "an authorization: Bearer token is required" : "the bearer token is not valid"),
        new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
