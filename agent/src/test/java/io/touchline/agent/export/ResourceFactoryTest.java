package io.touchline.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.AgentConfigLoader;
import io.touchline.agent.config.ConfigException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceFactoryTest {

  private static final String TOUCHPOINTS =
      "touchpoints:\n  - name: x\n    class: a.B\n    method: c\n";

  private static AgentConfig config(String head) throws ConfigException {
    return new AgentConfigLoader(Collections.emptyMap()).parse("agent.yaml", head + TOUCHPOINTS);
  }

  @Test
  void agentYamlNamesServiceAndChannel() throws ConfigException {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_SERVICE_NAME", "from-env");
    Resource resource = ResourceFactory.create(config("service: web-shop\nchannel: web\n"), env);
    assertThat(resource.getAttribute(ResourceFactory.SERVICE_NAME)).isEqualTo("web-shop");
    assertThat(resource.getAttribute(ResourceFactory.CHANNEL)).isEqualTo("web");
  }

  @Test
  void otelServiceNameAppliesWhenTheFileNamesNone() throws ConfigException {
    Map<String, String> env = new HashMap<>();
    env.put(
        "OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes,deployment.environment=eu%2C1");
    Resource fromAttributes = ResourceFactory.create(config(""), env);
    assertThat(fromAttributes.getAttribute(ResourceFactory.SERVICE_NAME))
        .isEqualTo("from-attributes");
    assertThat(fromAttributes.getAttribute(AttributeKey.stringKey("deployment.environment")))
        .isEqualTo("eu,1");

    env.put("OTEL_SERVICE_NAME", "from-env");
    assertThat(ResourceFactory.create(config(""), env).getAttribute(ResourceFactory.SERVICE_NAME))
        .isEqualTo("from-env");
  }

  @Test
  void withoutAnyNameTheSdkDefaultStands() throws ConfigException {
    Resource resource = ResourceFactory.create(config(""), Collections.emptyMap());
    assertThat(resource.getAttribute(ResourceFactory.SERVICE_NAME)).startsWith("unknown_service");
    assertThat(resource.getAttribute(ResourceFactory.CHANNEL)).isNull();
  }
}
