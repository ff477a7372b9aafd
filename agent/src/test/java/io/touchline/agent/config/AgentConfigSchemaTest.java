package io.touchline.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.touchline.agent.testing.TestCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema editors use (docs/agent-config.schema.json) must accept what the agent accepts
 * and refuse what it refuses, or admins would be misled by their editor.
 */
class AgentConfigSchemaTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static JsonSchema schema;

  /** Every feature of the config in one file. */
  private static final String FULL =
      String.join(
          "\n",
          "version: \"42\"",
          "service: web-shop",
          "channel: web",
          "export:",
          "  endpoint: http://127.0.0.1:4318",
          "  headers:",
          "    Authorization: Bearer ${TOKEN:-none}",
          "  timeout: 5s",
          "  queueSize: 100",
          "  flushInterval: 500ms",
          "  httpClient: HttpURLConnection",
          "log:",
          "  level: warn",
          "  file: /tmp/touchline.log",
          "hashSecretEnv: SHOP_SECRET",
          "placeholders: [guest]",
          "maxPerSecond: 500",
          "touchpoints:",
          "  - name: login",
          "    class: com.acme.**.*Service",
          "    method: login(String, java.lang.String)",
          "    keys:",
          "      email: args[0]",
          "      session: [\"args[1]\", this.session.id]",
          "      phone:",
          "        path: return.phone",
          "        normalize: [digits]",
          "        hash: true",
          "    attributes:",
          "      customer.tier: return.tier",
          "      first.item: 'args[2][0][\"sku\"]'",
          "  - name: payment.declined",
          "    subtypeOf: com.acme.PaymentGateway",
          "    method: charge",
          "    channel: payments",
          "    maxPerSecond: 20",
          "    when:",
          "      thrown: com.acme.DeclinedException",
          "  - name: ticket",
          "    annotatedWith: com.acme.CustomerFacing",
          "    methodAnnotatedWith: com.acme.Touch",
          "    when:",
          "      return: notNull",
          "    enabled: false",
          "");

  @BeforeAll
  static void loadSchema() throws Exception {
    JsonNode schemaNode =
        new ObjectMapper().readTree(Paths.get("../docs/agent-config.schema.json").toFile());
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
  }

  private static Set<ValidationMessage> validate(String yaml) throws Exception {
    return schema.validate(YAML.readTree(yaml));
  }

  @Test
  void theShippedWebShopConfigIsValid() throws Exception {
    String shipped =
        new String(Files.readAllBytes(Paths.get("../config/agent.yaml")), StandardCharsets.UTF_8);
    assertThat(validate(shipped)).isEmpty();
    new AgentConfigLoader(Collections.emptyMap()).parse("agent.yaml", shipped);
  }

  @Test
  void everyFeatureIsValidForBoth() throws Exception {
    assertThat(validate(FULL)).isEmpty();
    AgentConfig config =
        new AgentConfigLoader(Collections.singletonMap("SHOP_SECRET", "s"))
            .parse("agent.yaml", FULL);
    assertThat(config.touchpoints()).hasSize(2);
  }

  @Test
  void aCaCertificateIsValidForBoth(@TempDir Path tmp) throws Exception {
    Path ca = TestCa.create("Schema CA").writePem(tmp.resolve("ca.pem"));
    String yaml =
        FULL.replace("  httpClient: HttpURLConnection", "  tls:\n    caCertificate: " + ca);

    assertThat(validate(yaml)).isEmpty();
    AgentConfig config =
        new AgentConfigLoader(Collections.singletonMap("SHOP_SECRET", "s"))
            .parse("agent.yaml", yaml);
    assertThat(config.export().caCertificates()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "channel: web|chanel: web",
        "  timeout: 5s|  timeout: soon",
        "      email: args[0]|      email: argz[0]",
        "      customer.tier: return.tier|      touchline.outcome: return.tier",
        "    class: com.acme.**.*Service\n|",
        "        normalize: [digits]|        normalize: [upper]",
        "      return: notNull|      return: maybe",
        "    method: charge|    methd: charge",
        "  level: warn|  level: loud",
        "    maxPerSecond: 20|    maxPerSecond: 0",
        "maxPerSecond: 500|maxPerSecond: lots",
        "  httpClient: HttpURLConnection|  httpClient: okhttp",
        "  httpClient: HttpURLConnection|  tls:\n    clientCertificate: /etc/touchline/client.pem",
      })
  void bothRefuseTheSameMistakes(String replacement) throws Exception {
    String[] parts = replacement.split("\\|", -1);
    assertThat(FULL).contains(parts[0]);
    String broken = FULL.replace(parts[0], parts[1]);

    assertThat(validate(broken)).as("schema errors for " + replacement).isNotEmpty();
    assertThatThrownBy(
            () ->
                new AgentConfigLoader(Collections.singletonMap("SHOP_SECRET", "s"))
                    .parse("agent.yaml", broken))
        .isInstanceOf(ConfigException.class);
  }
}
