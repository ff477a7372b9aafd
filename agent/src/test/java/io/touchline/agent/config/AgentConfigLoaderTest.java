package io.touchline.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchline.agent.testing.TestCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {

  private static final String VALID =
      String.join(
          "\n",
          "service: web-shop",
          "channel: web",
          "export:",
          "  endpoint: http://127.0.0.1:4318",
          "  timeout: 5s",
          "  queueSize: 100",
          "touchpoints:",
          "  - name: login",
          "    class: com.acme.shop.auth.AuthService",
          "    method: login(java.lang.String, java.lang.String)",
          "    keys:",
          "      email: args[0]",
          "      session: args[1]",
          "  - name: order.placed",
          "    class: com.acme.shop.**.*Service",
          "    method: placeOrder",
          "    channel: checkout-web",
          "    keys:",
          "      session: [\"args[0]\", \"return.sessionId\"]",
          "    attributes:",
          "      order.total: return.total",
          "");

  private AgentConfig parse(String yaml) throws ConfigException {
    return parse(yaml, Collections.emptyMap());
  }

  private AgentConfig parse(String yaml, Map<String, String> env) throws ConfigException {
    return new AgentConfigLoader(env).parse("agent.yaml", yaml);
  }

  @Test
  void readsServiceExportAndTouchpoints() throws ConfigException {
    AgentConfig config = parse(VALID);

    assertThat(config.service()).isEqualTo("web-shop");
    assertThat(config.channel()).isEqualTo("web");
    assertThat(config.export().tracesUrl()).isEqualTo("http://127.0.0.1:4318/v1/traces");
    assertThat(config.export().timeoutMillis()).isEqualTo(5000);
    assertThat(config.export().queueSize()).isEqualTo(100);
    assertThat(config.touchpoints()).hasSize(2);

    TouchpointDefinition login = config.touchpoints().get(0);
    assertThat(login.name()).isEqualTo("login");
    assertThat(login.channel()).isNull();
    assertThat(login.methodPattern().parameterTypes())
        .containsExactly("java.lang.String", "java.lang.String");
    assertThat(login.capture().keys()).containsOnlyKeys("email", "session");

    TouchpointDefinition order = config.touchpoints().get(1);
    assertThat(order.channel()).isEqualTo("checkout-web");
    assertThat(order.classPattern().matches("com.acme.shop.checkout.CheckoutService")).isTrue();
    assertThat(order.methodPattern().parameterTypes()).isNull();
    assertThat(order.capture().keys().get("session")).hasSize(2);
    assertThat(order.capture().attributes()).containsOnlyKeys("order.total");
  }

  @Test
  void versionIsAContentHashUnlessGiven() throws ConfigException {
    String hashed = parse(VALID).version();
    assertThat(hashed).matches("[0-9a-f]{12}");
    assertThat(parse(VALID + "# a comment changes the file\n").version()).isNotEqualTo(hashed);
    assertThat(parse("version: \"2026-11-24\"\n" + VALID).version()).isEqualTo("2026-11-24");
  }

  @Test
  void unknownFieldNamesFileLineAndField() {
    String yaml = VALID.replace("    method: placeOrder", "    methd: placeOrder");
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("agent.yaml:16:5: touchpoints[1].methd: unknown field");
  }

  @Test
  void missingRequiredFieldNamesTheTouchpoint() {
    String yaml = VALID.replace("    class: com.acme.shop.auth.AuthService\n", "");
    assertThatThrownBy(() -> parse(yaml))
        .hasMessage(
            "agent.yaml:8:5: touchpoints[0]: say which classes: class, subtypeOf or annotatedWith is required");
  }

  @Test
  void badPathNamesLineFieldAndCharacter() {
    String yaml = VALID.replace("email: args[0]", "email: argz[0]");
    assertThatThrownBy(() -> parse(yaml))
        .hasMessageStartingWith(
            "agent.yaml:12:7: touchpoints[0].keys.email: invalid path 'argz[0]'")
        .hasMessageContaining("starts with args[N], this, return or thrown");
  }

  @Test
  void badKeyTypeIsRefused() {
    String yaml = VALID.replace("email: args[0]", "E-Mail: args[0]");
    assertThatThrownBy(() -> parse(yaml)).hasMessageContaining("touchpoints[0].keys.E-Mail");
  }

  @Test
  void reservedAttributeNamesAreRefused() {
    String yaml = VALID.replace("order.total: return.total", "touchline.outcome: return.total");
    assertThatThrownBy(() -> parse(yaml)).hasMessageContaining("reserved for the span contract");
  }

  @Test
  void invalidYamlNamesTheLine() {
    assertThatThrownBy(() -> parse("service: web\n  channel: : x\n"))
        .hasMessageStartingWith("agent.yaml:2:10: not valid YAML");
  }

  @Test
  void unquotedPathInsideAFlowListGetsAHint() {
    String yaml = VALID.replace("[\"args[0]\", \"return.sessionId\"]", "[args[0], args[1]]");
    assertThatThrownBy(() -> parse(yaml))
        .hasMessageStartingWith("agent.yaml:19:21: not valid YAML")
        .hasMessageContaining("quote paths inside [ ]");
  }

  @Test
  void emptyFileIsAnError() {
    assertThatThrownBy(() -> parse("")).hasMessage("agent.yaml: the agent config is empty");
  }

  @Test
  void disabledTouchpointIsLeftOut() throws ConfigException {
    String yaml = VALID.replace("  - name: login\n", "  - name: login\n    enabled: false\n");
    assertThat(parse(yaml).touchpoints())
        .extracting(TouchpointDefinition::name)
        .containsExactly("order.placed");
  }

  @Test
  void substitutesEnvironmentVariables() throws ConfigException {
    Map<String, String> env = new HashMap<>();
    env.put("SHOP_NAME", "shop-eu");
    String yaml =
        VALID
            .replace("service: web-shop", "service: ${SHOP_NAME}")
            .replace("channel: web", "channel: ${SHOP_CHANNEL:-web}");
    AgentConfig config = parse(yaml, env);
    assertThat(config.service()).isEqualTo("shop-eu");
    assertThat(config.channel()).isEqualTo("web");
  }

  @Test
  void missingEnvironmentVariableNamesIt() {
    String yaml = VALID.replace("service: web-shop", "service: ${SHOP_NAME}");
    assertThatThrownBy(() -> parse(yaml))
        .hasMessage(
            "agent.yaml:1:1: service: environment variable SHOP_NAME is not set"
                + " (write ${SHOP_NAME:-default})");
  }

  @Test
  void touchlineEndpointVariableOverridesTheFileButOtelVariablesDoNot() throws ConfigException {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "https://apm-vendor.example.com");
    env.put("OTEL_EXPORTER_OTLP_HEADERS", "api-key=vendor-secret");
    assertThat(parse(VALID, env).export().endpoint()).isEqualTo("http://127.0.0.1:4318");
    assertThat(parse(VALID, env).export().headers()).isEmpty();

    env.put("TOUCHLINE_EXPORTER_OTLP_ENDPOINT", "http://collector.internal:4318");
    env.put("TOUCHLINE_EXPORTER_OTLP_HEADERS", "Authorization=Bearer abc");
    AgentConfig config = parse(VALID, env);
    assertThat(config.export().endpoint()).isEqualTo("http://collector.internal:4318");
    assertThat(config.export().headers()).containsEntry("Authorization", "Bearer abc");
  }

  @Test
  void badDurationAndEndpointAreExplained() {
    assertThatThrownBy(() -> parse(VALID.replace("timeout: 5s", "timeout: soon")))
        .hasMessage(
            "agent.yaml:5:3: export.timeout: expected a duration such as 500ms, 10s or 2m,"
                + " found 'soon'");
    assertThatThrownBy(() -> parse(VALID.replace("http://127.0.0.1:4318", "127.0.0.1:4318")))
        .hasMessageStartingWith(
            "agent.yaml:4:3: export.endpoint: expected an http:// or https:// URL");
  }

  @Test
  void maxPerSecondCapsATouchpointOrEveryOneWithoutItsOwn() throws ConfigException {
    assertThat(parse(VALID).touchpoints())
        .extracting(TouchpointDefinition::maxPerSecond)
        .containsExactly(0, 0);
    AgentConfig capped =
        parse(
            VALID
                .replace("touchpoints:\n", "maxPerSecond: 100\ntouchpoints:\n")
                .replace(
                    "    method: placeOrder\n", "    method: placeOrder\n    maxPerSecond: 5\n"));
    assertThat(capped.touchpoints())
        .extracting(TouchpointDefinition::maxPerSecond)
        .containsExactly(100, 5);
    assertThatThrownBy(
            () ->
                parse(
                    VALID.replace(
                        "    method: placeOrder\n",
                        "    method: placeOrder\n    maxPerSecond: -1\n")))
        .hasMessage(
            "agent.yaml:17:5: touchpoints[1].maxPerSecond: expected a positive whole number, found '-1'");
  }

  @Test
  void badMethodPatternIsExplained() {
    assertThatThrownBy(() -> parse(VALID.replace("method: placeOrder", "method: place Order(")))
        .hasMessageContaining(
            "touchpoints[1].method: expected a method name or name(param.Type, ...)");
  }

  private static String withCa(String file) {
    return VALID.replace(
        "  queueSize: 100\n", "  queueSize: 100\n  tls:\n    caCertificate: " + file + "\n");
  }

  @Test
  void readsEveryCertificateOfTheCaFile(@TempDir Path tmp) throws Exception {
    TestCa first = TestCa.create("First CA");
    TestCa second = TestCa.create("Second CA");
    Files.write(
        tmp.resolve("cas.pem"),
        ("# the company's CAs\n" + first.pem() + "\n" + second.pem())
            .getBytes(StandardCharsets.US_ASCII));

    AgentConfig config =
        parse(withCa("${TOUCHLINE_TLS_DIR}/cas.pem"), map("TOUCHLINE_TLS_DIR", tmp.toString()));

    assertThat(config.export().caCertificateFile()).isEqualTo(tmp + "/cas.pem");
    assertThat(config.export().caCertificates())
        .containsExactly(first.certificate(), second.certificate());
    assertThat(parse(VALID).export().caCertificateFile()).isNull();
    assertThat(parse(VALID).export().caCertificates()).isEmpty();
  }

  @Test
  void touchlineCertificateVariableOverridesTheFile(@TempDir Path tmp) throws Exception {
    TestCa ca = TestCa.create("Env CA");
    Path file = ca.writePem(tmp.resolve("ca.pem"));
    Map<String, String> env = map("TOUCHLINE_EXPORTER_OTLP_CERTIFICATE", file.toString());
    env.put("OTEL_EXPORTER_OTLP_CERTIFICATE", tmp.resolve("vendor.pem").toString());

    AgentConfig config = parse(withCa(tmp.resolve("missing.pem").toString()), env);

    assertThat(config.export().caCertificateFile()).isEqualTo(file.toString());
    assertThat(config.export().caCertificates()).containsExactly(ca.certificate());
    assertThatThrownBy(
            () ->
                parse(
                    VALID,
                    map("TOUCHLINE_EXPORTER_OTLP_CERTIFICATE", tmp.resolve("gone.pem").toString())))
        .hasMessage(
            "TOUCHLINE_EXPORTER_OTLP_CERTIFICATE: the CA certificate file "
                + tmp.resolve("gone.pem")
                + " does not exist");
  }

  @Test
  void aCaFileThatCannotBeUsedIsExplainedWithItsLineAndField(@TempDir Path tmp) throws Exception {
    Path missing = tmp.resolve("missing.pem");
    assertThatThrownBy(() -> parse(withCa(missing.toString())))
        .hasMessage(
            "agent.yaml:8:5: export.tls.caCertificate: the CA certificate file "
                + missing
                + " does not exist");

    assertThatThrownBy(() -> parse(withCa(tmp.toString())))
        .hasMessageStartingWith(
            "agent.yaml:8:5: export.tls.caCertificate: the CA certificate file "
                + tmp
                + " cannot be read: ");

    Path empty = Files.write(tmp.resolve("empty.pem"), new byte[0]);
    assertThatThrownBy(() -> parse(withCa(empty.toString())))
        .hasMessage(
            "agent.yaml:8:5: export.tls.caCertificate: "
                + empty
                + " holds no PEM certificate (-----BEGIN CERTIFICATE-----): the file is empty");

    Path text = Files.write(tmp.resolve("notes.txt"), "not a certificate\n".getBytes());
    assertThatThrownBy(() -> parse(withCa(text.toString())))
        .hasMessageStartingWith(
            "agent.yaml:8:5: export.tls.caCertificate: "
                + text
                + " holds no PEM certificate (-----BEGIN CERTIFICATE-----): ");

    String pem = TestCa.create("Cut CA").pem();
    Path cut = Files.write(tmp.resolve("cut.pem"), pem.substring(0, pem.length() / 2).getBytes());
    assertThatThrownBy(() -> parse(withCa(cut.toString())))
        .hasMessageStartingWith(
            "agent.yaml:8:5: export.tls.caCertificate: "
                + cut
                + " holds no PEM certificate (-----BEGIN CERTIFICATE-----): ");

    Path key =
        Files.write(
            tmp.resolve("key.pem"),
            "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n"
                .getBytes());
    assertThatThrownBy(() -> parse(withCa(key.toString())))
        .hasMessage(
            "agent.yaml:8:5: export.tls.caCertificate: "
                + key
                + " holds no PEM certificate (-----BEGIN CERTIFICATE-----): it holds a private"
                + " key; give the CA's certificate");

    assertThatThrownBy(
            () ->
                parse(
                    VALID.replace(
                        "  queueSize: 100\n",
                        "  queueSize: 100\n  tls:\n    clientCertificate: /etc/client.pem\n")))
        .hasMessage(
            "agent.yaml:8:5: export.tls.clientCertificate: unknown field; expected one of"
                + " [caCertificate]");
  }

  @Test
  void httpClientIsAutoUnlessOneIsChosen() throws ConfigException {
    assertThat(parse(VALID).export().httpClient()).isEqualTo(ExportSettings.HttpClient.AUTO);
    for (ExportSettings.HttpClient client : ExportSettings.HttpClient.values()) {
      String yaml =
          VALID.replace("  queueSize: 100\n", "  httpClient: " + client.configName() + "\n");
      assertThat(parse(yaml).export().httpClient()).isEqualTo(client);
    }
    assertThatThrownBy(() -> parse(VALID.replace("  queueSize: 100\n", "  httpClient: okhttp\n")))
        .hasMessage(
            "agent.yaml:6:3: export.httpClient: expected auto, java.net.http or"
                + " HttpURLConnection, found 'okhttp'");
  }

  private static Map<String, String> map(String name, String value) {
    Map<String, String> env = new HashMap<>();
    env.put(name, value);
    return env;
  }
}
