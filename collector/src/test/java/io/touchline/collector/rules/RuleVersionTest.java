package io.touchline.collector.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleVersionTest {

  private static final String RULE =
      String.join(
          "\n",
          "  - name: cart-reminder",
          "    trigger: cart.add@web",
          "    where: \"trigger.attributes['cart.total'] >= 20.0\"",
          "    unless: {step: order.placed, within: 30m}",
          "    requireKey: customer_id",
          "    action: {target: mailer, path: /campaigns/cart-reminder/send, body: '{\"customerNumber\":"
              + " \"{{keys.customer_id}}\"}'}",
          "    controlGroup: 20%",
          "    mode: live",
          "");

  private static final String OTHER =
      String.join(
          "\n",
          "  - name: other",
          "    trigger: login",
          "    action: {target: mailer}",
          "    mode: shadow",
          "");

  private static final String TARGETS = "targets:\n  mailer: {url: 'http://127.0.0.1:8084'}\n";

  private static String version(String rulesYaml, String name) throws RulesException {
    return new RulesLoader(Map.of(), Set.of())
        .parse("rules.yaml", "rules:\n" + rulesYaml + TARGETS)
        .rule(name)
        .orElseThrow()
        .version();
  }

  @Test
  void theSameContentHasTheSameVersionWhereverAndHoweverItIsWritten() throws RulesException {
    String version = version(RULE, "cart-reminder");
    String respelled =
        RULE.replace("within: 30m", "within: 1800s")
            .replace("controlGroup: 20%", "controlGroup: 20")
            .replace(
                "\"trigger.attributes['cart.total'] >= 20.0\"",
                "'trigger.attributes[\"cart.total\"]   >=  20.0'")
            .replace("    mode: live\n", "    mode: paused\n")
            .replace("trigger: cart.add@web", "trigger: {touchpoint: cart.add, channel: web}");

    assertThat(version(OTHER + RULE, "cart-reminder")).isEqualTo(version);
    assertThat(version(respelled, "cart-reminder")).isEqualTo(version);
  }

  @Test
  void aChangeToWhatTheRuleDecidesOrSendsIsANewVersion() throws RulesException {
    String version = version(RULE, "cart-reminder");

    assertThat(version(RULE.replace("30m", "31m"), "cart-reminder")).isNotEqualTo(version);
    assertThat(version(RULE.replace("20.0", "25.0"), "cart-reminder")).isNotEqualTo(version);
    assertThat(version(RULE.replace("20%", "25%"), "cart-reminder")).isNotEqualTo(version);
    assertThat(version(RULE.replace("cart-reminder/send", "reminder/send"), "cart-reminder"))
        .isNotEqualTo(version);
    assertThat(version(RULE.replace("customerNumber", "customer"), "cart-reminder"))
        .isNotEqualTo(version);
    assertThat(version(RULE.replace("cart.add@web", "cart.add"), "cart-reminder"))
        .isNotEqualTo(version);
  }

  /**
   * Versions are stored with every decision: a change to the canonical form would make every
   * deployed rule a new version at the next upgrade. Change this value only on purpose.
   */
  @Test
  void theVersionOfAGivenRuleStaysTheSameAcrossReleases() throws RulesException {
    assertThat(version(OTHER, "other")).isEqualTo(PINNED);
  }

  /**
   * The SHA-256 of {"action":{"target":"mailer"},"name":"other","trigger":{"touchpoint":"login"}}.
   */
  private static final String PINNED = "d9302fb40f57";
}
