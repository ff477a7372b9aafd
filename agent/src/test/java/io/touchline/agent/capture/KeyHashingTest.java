package io.touchline.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchline.agent.config.AgentConfigLoader;
import io.touchline.agent.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyHashingTest {

  private static final String CONFIG =
      String.join(
          "\n",
          "placeholders: [guest, n/a]",
          "touchpoints:",
          "  - name: login",
          "    class: a.B",
          "    method: c",
          "    keys:",
          "      email: {path: \"args[0]\", hash: true}",
          "      phone:",
          "        path: args[1]",
          "        normalize: [trim]",
          "      customer_id: args[2]",
          "");

  private static CapturedValues capture(Map<String, String> env, Object... args)
      throws ConfigException {
    return new AgentConfigLoader(env)
        .parse("agent.yaml", CONFIG)
        .touchpoints()
        .get(0)
        .capture()
        .capture(new Invocation(null, args, null, null));
  }

  private static String hmac(String secret, String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    StringBuilder hex = new StringBuilder("hmac-sha256:");
    for (byte b : mac.doFinal(value.getBytes(StandardCharsets.UTF_8))) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  @Test
  void hashedKeysAreTheHmacOfTheNormalisedValue() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("TOUCHLINE_HASH_SECRET", "s3cret");
    CapturedValues values = capture(env, "  Ann@Example.COM ", " +49 30 1234 ", "C-1");

    assertThat(values.keys().get("email")).containsExactly(hmac("s3cret", "ann@example.com"));
    assertThat(values.keys().get("phone"))
        .containsExactly("+49 30 1234"); // trim only, as configured
    assertThat(values.keys().get("customer_id")).containsExactly("C-1");
  }

  @Test
  void placeholdersAreDroppedBeforeHashingIncludingConfiguredOnes() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("TOUCHLINE_HASH_SECRET", "s3cret");
    CapturedValues values = capture(env, "anonymous", "N/A", "Guest");
    assertThat(values.keys()).isEmpty();
    assertThat(values.placeholdersDropped()).isEqualTo(3);
  }

  @Test
  void hashingWithoutASecretIsAConfigError() {
    assertThatThrownBy(() -> capture(Collections.emptyMap(), "a", "b", "c"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "agent.yaml:7:32: touchpoints[0].keys.email.hash: hashing needs the secret in environment variable TOUCHLINE_HASH_SECRET");
  }

  @Test
  void unknownNormaliseStepIsAConfigError() {
    assertThatThrownBy(
            () ->
                new AgentConfigLoader(Collections.singletonMap("TOUCHLINE_HASH_SECRET", "s"))
                    .parse("agent.yaml", CONFIG.replace("normalize: [trim]", "normalize: [upper]")))
        .hasMessageContaining(
            "touchpoints[0].keys.phone.normalize[0]: expected one of [trim, lowercase, digits]");
  }
}
