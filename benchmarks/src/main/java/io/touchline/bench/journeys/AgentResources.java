package io.touchline.bench.journeys;

import com.acme.simulator.journey.App;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * What the Touchline agent of each demo app writes around its spans: the resource (its {@code
 * service.name} and channel from the app's agent config, the OpenTelemetry SDK's own attributes),
 * the instrumentation scope, and {@code touchline.config.version}, which the agent takes from a
 * hash of the config file — here of the same files, bundled by the build.
 */
final class AgentResources {

  static final String SCOPE_NAME = "io.touchline.agent";

  private static final Map<App, String> CONFIG_FILES =
      Map.of(
          App.SHOP, "agent.yaml",
          App.CALL_CENTER, "agent-call-center.yaml",
          App.MOBILE, "agent-mobile.yaml",
          App.MAILER, "agent-mailer.yaml");

  private static final Properties VERSIONS = load("agent.properties");

  private final Map<App, Resource> resources = new EnumMap<>(App.class);
  private final Map<App, String> configVersions = new EnumMap<>(App.class);
  private final InstrumentationScope scope =
      InstrumentationScope.newBuilder()
          .setName(SCOPE_NAME)
          .setVersion(VERSIONS.getProperty("agent.version"))
          .build();

  AgentResources() {
    for (App app : App.values()) {
      // In key order, as the SDK's attributes are.
      resources.put(
          app,
          Resource.newBuilder()
              .addAttributes(string("service.name", app.service()))
              .addAttributes(string("telemetry.sdk.language", "java"))
              .addAttributes(string("telemetry.sdk.name", "opentelemetry"))
              .addAttributes(
                  string(
                      "telemetry.sdk.version", VERSIONS.getProperty("opentelemetry.sdk.version")))
              .addAttributes(string("touchline.channel", app.channel()))
              .build());
      configVersions.put(app, configVersion(CONFIG_FILES.get(app)));
    }
  }

  Resource resource(App app) {
    return resources.get(app);
  }

  InstrumentationScope scope() {
    return scope;
  }

  String configVersion(App app) {
    return configVersions.get(app);
  }

  /** As the agent's config loader: the first 6 bytes of the file's SHA-256, in hex. */
  private static String configVersion(String file) {
    try (InputStream in = open("config/" + file)) {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every JVM", e);
    }
  }

  private static Properties load(String name) {
    try (InputStream in = open(name)) {
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) {
    InputStream in = AgentResources.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          "the build did not bundle " + name + " next to " + AgentResources.class.getName());
    }
    return in;
  }

  static KeyValue string(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
