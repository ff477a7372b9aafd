package io.touchline.agent.config;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where and how touchpoint spans are sent: OTLP over HTTP with protobuf bodies. */
public final class ExportSettings {

  /** Which of the JDK's HTTP clients sends the spans ({@code export.httpClient}). */
  public enum HttpClient {
    /** {@code java.net.http} on Java 11 and later, {@code HttpURLConnection} before. */
    AUTO("auto"),
    /** The {@code java.net.http} client; on Java 8 the agent says so and uses the other. */
    JAVA_NET_HTTP("java.net.http"),
    /** {@code HttpURLConnection}, which every JVM has; HTTP/1.1 only. */
    HTTP_URL_CONNECTION("HttpURLConnection");

    private final String configName;

    HttpClient(String configName) {
      this.configName = configName;
    }

    /** The value written in agent.yaml. */
    public String configName() {
      return configName;
    }

    static HttpClient forConfigName(String name) {
      for (HttpClient client : values()) {
        if (client.configName.equals(name)) {
          return client;
        }
      }
      return null;
    }
  }

  public static final String DEFAULT_ENDPOINT = "http://localhost:4318";
  public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
  public static final int DEFAULT_QUEUE_SIZE = 2048;
  public static final long DEFAULT_FLUSH_INTERVAL_MILLIS = 1_000;
  public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 1_000;

  private final String endpoint;
  private final Map<String, String> headers;
  private final long timeoutMillis;
  private final int queueSize;
  private final long flushIntervalMillis;
  private final long shutdownTimeoutMillis;
  private final String caCertificateFile;
  private final List<X509Certificate> caCertificates;
  private final HttpClient httpClient;

  ExportSettings(
      String endpoint,
      Map<String, String> headers,
      long timeoutMillis,
      int queueSize,
      long flushIntervalMillis,
      long shutdownTimeoutMillis,
      String caCertificateFile,
      List<X509Certificate> caCertificates,
      HttpClient httpClient) {
    this.endpoint = endpoint;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.timeoutMillis = timeoutMillis;
    this.queueSize = queueSize;
    this.flushIntervalMillis = flushIntervalMillis;
    this.shutdownTimeoutMillis = shutdownTimeoutMillis;
    this.caCertificateFile = caCertificateFile;
    this.caCertificates = Collections.unmodifiableList(new ArrayList<>(caCertificates));
    this.httpClient = httpClient;
  }

  /** The collector's base URL; spans go to {@code <endpoint>/v1/traces}. */
  public String endpoint() {
    return endpoint;
  }

  public String tracesUrl() {
    return endpoint.endsWith("/") ? endpoint + "v1/traces" : endpoint + "/v1/traces";
  }

  /** Extra HTTP headers, e.g. an authorization token. */
  public Map<String, String> headers() {
    return headers;
  }

  public long timeoutMillis() {
    return timeoutMillis;
  }

  /** Spans waiting for export beyond this are dropped, never blocking the application. */
  public int queueSize() {
    return queueSize;
  }

  public long flushIntervalMillis() {
    return flushIntervalMillis;
  }

  /** How long the JVM's exit may wait for the last touchpoints to be sent. */
  public long shutdownTimeoutMillis() {
    return shutdownTimeoutMillis;
  }

  /**
   * The PEM file named by {@code export.tls.caCertificate} (or {@code
   * TOUCHLINE_EXPORTER_OTLP_CERTIFICATE}), or null when https uses the JVM's default trust store.
   */
  public String caCertificateFile() {
    return caCertificateFile;
  }

  /**
   * The certificates read from {@link #caCertificateFile()} when the config was loaded: the only
   * ones an https endpoint's certificate is checked against. Empty when none is configured.
   */
  public List<X509Certificate> caCertificates() {
    return caCertificates;
  }

  /** True for an {@code https://} endpoint. */
  public boolean usesTls() {
    return endpoint.startsWith("https://");
  }

  public HttpClient httpClient() {
    return httpClient;
  }
}
