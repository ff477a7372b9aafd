package io.touchline.collector.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.touchline.collector.http.Exchange;
import io.touchline.collector.http.ExchangeHandler;
import io.touchline.collector.log.InternalFailures;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /v1/traces} with OTLP/HTTP protobuf or JSON bodies (optionally gzip). Answers as the
 * OTLP specification says: 200 only once the batch is committed, with a partial success for spans
 * that could not be used; 4xx with a {@code google.rpc.Status} body for requests that cannot be
 * read. Every answer is encoded as the request was: JSON for JSON, protobuf otherwise.
 */
public final class OtlpHttpHandler implements ExchangeHandler {

  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";
  static final String TRACES_PATH = "/v1/traces";

  private final TraceIngest ingest;
  private final IngestCounters counters;
  private final long maxBodyBytes;
  private final Semaphore working;

  /** How much of a refused body is read and dropped before answering, in bodies of the limit. */
  static final long DISCARD_FACTOR = 4;

  public OtlpHttpHandler(TraceIngest ingest, long maxBodyBytes) {
    this(ingest, maxBodyBytes, Integer.MAX_VALUE);
  }

  /**
   * @param concurrency how many requests translate and wait for their commit at once; taken once
   *     the body is in, so a sender that sends its body slowly holds no permit
   */
  public OtlpHttpHandler(TraceIngest ingest, long maxBodyBytes, int concurrency) {
    this.ingest = ingest;
    this.counters = ingest.counters();
    this.maxBodyBytes = maxBodyBytes;
    this.working = new Semaphore(concurrency, true);
  }

  @Override
  public void handle(Exchange exchange) throws IOException {
    String contentType = mediaType(exchange.header("Content-Type"));
    // Decided first, so that even a 404 or 415 answers a JSON sender in JSON.
    Encoding encoding = Encoding.of(contentType);
    try {
      answer(exchange, contentType, encoding);
    } catch (IOException e) {
      throw e; // the connection failed: the server closes it, and nothing is left to answer
    } catch (Throwable e) {
      // Errors too: one escaping leaves the sender without an answer (it retries the batch,
      // forever).
      failInternally(exchange, encoding, e);
    }
  }

  private void answer(Exchange exchange, String contentType, Encoding encoding) throws IOException {
    String path = exchange.path();
    if (!TRACES_PATH.equals(path)) {
      fail(
          exchange,
          encoding,
          404,
          "no such endpoint: " + path + "; OTLP/HTTP traces go to POST " + TRACES_PATH);
      return;
    }
    if (!"POST".equals(exchange.method())) {
      exchange.header("Allow", "POST");
      fail(exchange, encoding, 405, "only POST is allowed on /v1/traces");
      return;
    }
    if (!PROTOBUF.equals(contentType) && !JSON.equals(contentType)) {
      fail(
          exchange,
          encoding,
          415,
          "Content-Type must be " + PROTOBUF + " or " + JSON + ", was " + contentType);
      return;
    }
    if (exchange.declaredLength() > maxBodyBytes) {
      // Refused without keeping any of it. Read to its end first (up to a bound): a server that
      // closes a connection the sender is still writing to resets it, and the 413 is lost.
      exchange.discardBody(DISCARD_FACTOR * maxBodyBytes);
      fail(exchange, encoding, 413, "request body exceeds " + maxBodyBytes + " bytes");
      return;
    }
    byte[] body;
    try {
      body =
          OtlpHttpBody.decode(
              exchange.body(maxBodyBytes),
              "gzip".equalsIgnoreCase(exchange.header("Content-Encoding")),
              maxBodyBytes);
    } catch (Exchange.BodyTooLargeException | OtlpHttpBody.TooLargeException e) {
      exchange.discardBody(DISCARD_FACTOR * maxBodyBytes); // what the sender has not sent yet
      fail(exchange, encoding, 413, "request body exceeds " + maxBodyBytes + " bytes");
      return;
    } catch (Exchange.BodyTimeoutException e) {
      exchange.header("Connection", "close");
      fail(exchange, encoding, 408, "the request's body did not arrive in time");
      return;
    } catch (Exchange.BodyEndedException e) {
      long declared = exchange.declaredLength();
      fail(
          exchange,
          encoding,
          400,
          (declared >= 0
                  ? "the body ended after "
                      + e.received()
                      + " of the "
                      + declared
                      + " bytes its Content-Length declared"
                  : "the chunked body ended before its last chunk")
              + " ("
              + e.getCause().getMessage()
              + ")");
      return;
    } catch (OtlpHttpBody.MalformedException e) {
      fail(exchange, encoding, 400, e.getMessage());
      return;
    }
    try {
      working.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(exchange, encoding, 503, "the collector is shutting down");
      return;
    }
    try {
      answer(exchange, encoding, body);
    } finally {
      working.release();
    }
  }

  private void answer(Exchange exchange, Encoding encoding, byte[] body) throws IOException {
    ExportTraceServiceRequest request;
    try {
      request = encoding.parse(body);
    } catch (InvalidProtocolBufferException e) {
      fail(
          exchange,
          encoding,
          400,
          "body is not an OTLP ExportTraceServiceRequest: " + e.getMessage());
      return;
    }
    ExportTraceServiceResponse response;
    try {
      response = ingest.export(request);
    } catch (IngestUnavailableException e) {
      // Nothing was acknowledged: the sender keeps the batch and retries after the pause.
      exchange.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
      send(exchange, encoding, 503, status(503, e.getMessage()));
      return;
    }
    send(exchange, encoding, 200, response);
  }

  /**
   * Answers a request refused for its token, in the encoding the sender used: 401 without a token
   * of {@code auth}, 403 with one that lacks the {@code ingest} scope.
   */
  public void refuseToken(Exchange exchange, int status, String message) throws IOException {
    String contentType = mediaType(exchange.header("Content-Type"));
    fail(exchange, Encoding.of(contentType), status, message);
  }

  private void fail(Exchange exchange, Encoding encoding, int status, String message)
      throws IOException {
    counters.recordRequestRejected(reason(status));
    send(exchange, encoding, status, status(status, message));
  }

  /**
   * Answers 500 for a failure that is the collector's fault, with a request id that finds it in the
   * log; when the answer was already under way, has the server cut the connection instead.
   */
  private void failInternally(Exchange exchange, Encoding encoding, Throwable failure)
      throws IOException {
    String id =
        InternalFailures.report(
            "OTLP/HTTP " + exchange.method() + " " + exchange.target(), failure);
    if (exchange.status() != 0) {
      throw new IOException("the answer failed midway (request " + id + ")", failure);
    }
    counters.recordRequestRejected("internal_error");
    send(exchange, encoding, 500, status(500, "internal error (request " + id + ")"));
  }

  private static com.google.rpc.Status status(int httpStatus, String message) {
    return com.google.rpc.Status.newBuilder()
        .setCode(grpcCode(httpStatus))
        .setMessage(message)
        .build();
  }

  /** The reason label of a refused request in {@code /metrics}. */
  private static String reason(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> "malformed";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "timeout";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      default -> "http_" + httpStatus;
    };
  }

  private static void send(Exchange exchange, Encoding encoding, int status, Message message)
      throws IOException {
    exchange.header("Content-Type", encoding.mediaType);
    exchange.send(status, encoding.encode(message));
  }

  /** The gRPC status code matching an HTTP error, as google.rpc.Status carries it. */
  private static int grpcCode(int httpStatus) {
    return switch (httpStatus) {
      case 400, 413, 415 -> 3; // INVALID_ARGUMENT
      case 408 -> 4; // DEADLINE_EXCEEDED
      case 401 -> 16; // UNAUTHENTICATED
      case 403 -> 7; // PERMISSION_DENIED
      case 404, 405 -> 12; // UNIMPLEMENTED: no such method here
      case 500 -> 13; // INTERNAL
      case 503 -> 14; // UNAVAILABLE
      default -> 2; // UNKNOWN
    };
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "none";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /** How a request body is read and its answer written: both as the request's content type. */
  private enum Encoding {
    PROTOBUF(OtlpHttpHandler.PROTOBUF) {
      @Override
      ExportTraceServiceRequest parse(byte[] body) throws InvalidProtocolBufferException {
        return ExportTraceServiceRequest.parseFrom(body);
      }

      @Override
      byte[] encode(Message message) {
        return message.toByteArray();
      }
    },
    JSON(OtlpHttpHandler.JSON) {
      @Override
      ExportTraceServiceRequest parse(byte[] body) throws InvalidProtocolBufferException {
        return OtlpJson.parseRequest(body);
      }

      @Override
      byte[] encode(Message message) {
        return OtlpJson.print(message);
      }
    };

    final String mediaType;

    Encoding(String mediaType) {
      this.mediaType = mediaType;
    }

    /** JSON for a JSON request; protobuf for any other, unknown content types included. */
    static Encoding of(String mediaType) {
      return JSON.mediaType.equals(mediaType) ? JSON : PROTOBUF;
    }

    abstract ExportTraceServiceRequest parse(byte[] body) throws InvalidProtocolBufferException;

    abstract byte[] encode(Message message);
  }
}
