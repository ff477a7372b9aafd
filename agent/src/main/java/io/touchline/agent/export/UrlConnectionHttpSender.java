package io.touchline.agent.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * OTLP/HTTP over {@link HttpURLConnection}, the HTTP client every JVM has. Used on Java 8, where
 * the JDK's {@code java.net.http} client (and so OTel's JDK sender) does not exist; it spares the
 * agent OkHttp and the Kotlin runtime, which would add megabytes and more libraries the host
 * application could trip over. Sends on the exporter's own thread, never the application's.
 */
final class UrlConnectionHttpSender implements HttpSender {

  private final HttpSenderConfig config;

  /**
   * For an https endpoint: the configured CA's context, else the JVM's default one — not {@code
   * HttpsURLConnection}'s JVM-wide default factory, which the application may have replaced — with
   * the server's name checked on every socket.
   */
  private final SSLSocketFactory tls;

  UrlConnectionHttpSender(HttpSenderConfig config) {
    this.config = config;
    this.tls = "https".equalsIgnoreCase(config.getEndpoint().getScheme()) ? tls(config) : null;
  }

  private static SSLSocketFactory tls(HttpSenderConfig config) {
    SSLContext context = config.getSslContext();
    try {
      if (context == null) {
        context = SSLContext.getDefault();
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no default TLS context", e);
    }
    return new HostnameCheckingSocketFactory(context.getSocketFactory());
  }

  @Override
  public void send(
      MessageWriter message, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    RetrySchedule retries =
        new RetrySchedule(config.getRetryPolicy(), config.getTimeout().toNanos());
    while (true) {
      HttpURLConnection connection = null;
      try {
        connection = (HttpURLConnection) config.getEndpoint().toURL().openConnection();
        configure(connection);
        writeBody(connection, message);
        int status = connection.getResponseCode();
        byte[] body = readBody(connection, status);
        if (RetrySchedule.isRetryable(status)) {
          long delay =
              retries.nextDelayNanos(RetryAfter.parse(connection.getHeaderField("Retry-After")));
          if (delay >= 0) {
            connection.disconnect();
            connection = null;
            RetrySchedule.sleep(delay);
            continue;
          }
        }
        onResponse.accept(new Response(status, connection.getResponseMessage(), body));
        return;
      } catch (IOException e) {
        long delay = retries.isRetryable(e) ? retries.nextDelayNanos(-1) : -1;
        if (delay < 0) {
          onError.accept(e);
          return;
        }
        try {
          RetrySchedule.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          onError.accept(e);
          return;
        }
      } catch (Throwable e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        onError.accept(e);
        return;
      } finally {
        if (connection != null) {
          connection.disconnect();
        }
      }
    }
  }

  private void configure(HttpURLConnection connection) throws IOException {
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setUseCaches(false);
    connection.setConnectTimeout(millis(config.getConnectTimeout().toMillis()));
    connection.setReadTimeout(millis(config.getTimeout().toMillis()));
    connection.setRequestProperty("Content-Type", config.getContentType());
    Compressor compressor = config.getCompressor();
    if (compressor != null) {
      connection.setRequestProperty("Content-Encoding", compressor.getEncoding());
    }
    Map<String, List<String>> headers = config.getHeadersSupplier().get();
    if (headers != null) {
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        for (String value : header.getValue()) {
          connection.addRequestProperty(header.getKey(), value);
        }
      }
    }
    if (tls != null && connection instanceof HttpsURLConnection) {
      ((HttpsURLConnection) connection).setSSLSocketFactory(tls);
    }
  }

  private void writeBody(HttpURLConnection connection, MessageWriter message) throws IOException {
    Compressor compressor = config.getCompressor();
    // Stream the body rather than let HttpURLConnection buffer all of it a second time.
    if (compressor == null) {
      connection.setFixedLengthStreamingMode(message.getContentLength());
    } else {
      connection.setChunkedStreamingMode(0);
    }
    try (OutputStream raw = connection.getOutputStream();
        OutputStream out = compressor == null ? raw : compressor.compress(raw)) {
      message.writeMessage(out);
    }
  }

  private byte[] readBody(HttpURLConnection connection, int status) throws IOException {
    InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    if (in == null) {
      return new byte[0];
    }
    long limit = config.getMaxResponseBodySize();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream stream = in) {
      int read;
      while ((read = stream.read(buffer)) != -1) {
        if (limit > 0 && body.size() + read > limit) {
          break; // the rest is not needed to judge the export, and must not exhaust memory
        }
        body.write(buffer, 0, read);
      }
    }
    return body.toByteArray();
  }

  private static int millis(long value) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, value));
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  private static final class Response implements HttpResponse {
    private final int status;
    private final String message;
    private final byte[] body;

    Response(int status, String message, byte[] body) {
      this.status = status;
      this.message = message == null ? "" : message;
      this.body = body;
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    public String getStatusMessage() {
      return message;
    }

    @Override
    public byte[] getResponseBody() {
      return body;
    }
  }
}
