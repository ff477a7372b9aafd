package io.touchline.agent.export;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.touchline.agent.config.ExportSettings;
import io.touchline.agent.log.AgentLog;
import java.util.Collections;

/**
 * Chooses the HTTP client for OTLP export by the running Java version: the JDK's own {@code
 * java.net.http} client (OTel's JDK sender, compiled for Java 11) where it exists, else {@link
 * UrlConnectionHttpSender}; {@code export.httpClient} can ask for either. Handing the exporter this
 * loader, rather than letting it scan {@code META-INF/services}, means the Java 11 classes are
 * never even loaded on Java 8.
 */
final class HttpSenderSelection implements ComponentLoader {

  private final boolean jdkHttpClientAvailable;

  HttpSenderSelection(boolean jdkHttpClientAvailable) {
    this.jdkHttpClientAvailable = jdkHttpClientAvailable;
  }

  /** The client {@code export.httpClient} asks for, where this JVM has it. */
  static HttpSenderSelection forRunningJvm(ExportSettings.HttpClient wanted) {
    boolean available = javaFeatureVersion() >= 11;
    switch (wanted) {
      case HTTP_URL_CONNECTION:
        return new HttpSenderSelection(false);
      case JAVA_NET_HTTP:
        if (!available) {
          AgentLog.warn(
              "export.httpClient: java.net.http needs Java 11 or later; using HttpURLConnection");
        }
        return new HttpSenderSelection(available);
      default:
        return new HttpSenderSelection(available);
    }
  }

  /** Which sender this selection picks, for the agent's start-up line. */
  String senderName() {
    return jdkHttpClientAvailable ? "java.net.http" : "HttpURLConnection";
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Iterable<T> load(Class<T> spiClass) {
    if (spiClass == HttpSenderProvider.class) {
      HttpSenderProvider provider =
          jdkHttpClientAvailable ? JdkSender.provider() : UrlConnectionHttpSender::new;
      return Collections.singletonList((T) provider);
    }
    return Collections.emptyList();
  }

  static int javaFeatureVersion() {
    String version = System.getProperty("java.specification.version", "1.8");
    if (version.startsWith("1.")) {
      version = version.substring(2);
    }
    try {
      return Integer.parseInt(version);
    } catch (NumberFormatException e) {
      return 8;
    }
  }

  /** Holds the only reference to the Java 11 sender, so it is resolved on Java 11+ alone. */
  private static final class JdkSender {
    static HttpSenderProvider provider() {
      return new io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider();
    }
  }
}
