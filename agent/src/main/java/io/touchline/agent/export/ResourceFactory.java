package io.touchline.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.touchline.agent.config.AgentConfig;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.Map;

/**
 * The resource every touchpoint span carries: {@code service.name} and the default {@code
 * touchline.channel}. Precedence, lowest first: SDK defaults, {@code OTEL_RESOURCE_ATTRIBUTES},
 * {@code OTEL_SERVICE_NAME}, agent.yaml. These variables only name the service; nothing else of the
 * application's OpenTelemetry setup is read.
 */
final class ResourceFactory {

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("touchline.channel");

  private ResourceFactory() {}

  static Resource create(AgentConfig config, Map<String, String> environment) {
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    fromResourceAttributes(environment.get("OTEL_RESOURCE_ATTRIBUTES"))));
    String envService = environment.get("OTEL_SERVICE_NAME");
    if (envService != null && !envService.trim().isEmpty()) {
      resource = resource.merge(Resource.create(Attributes.of(SERVICE_NAME, envService.trim())));
    }
    AttributesBuilder own = Attributes.builder();
    if (config.service() != null) {
      own.put(SERVICE_NAME, config.service());
    }
    if (config.channel() != null) {
      own.put(CHANNEL, config.channel());
    }
    return resource.merge(Resource.create(own.build()));
  }

  /**
   * {@code key1=value1,key2=value2}, values percent-encoded, as the OTel specification writes it.
   */
  static Attributes fromResourceAttributes(String raw) {
    AttributesBuilder attributes = Attributes.builder();
    if (raw == null) {
      return attributes.build();
    }
    for (String pair : raw.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue; // the specification says to skip malformed entries
      }
      String key = pair.substring(0, eq).trim();
      String value = decode(pair.substring(eq + 1).trim());
      if (!key.isEmpty()) {
        attributes.put(key, value);
      }
    }
    return attributes.build();
  }

  private static String decode(String value) {
    try {
      // URLDecoder turns '+' into a space; the OTel format does not, so protect it first.
      return URLDecoder.decode(value.replace("+", "%2B"), "UTF-8");
    } catch (UnsupportedEncodingException | IllegalArgumentException e) {
      return value;
    }
  }
}
