package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchline.collector.config.CollectorConfig;
import io.touchline.collector.config.CollectorConfigLoader;
import io.touchline.collector.rules.Mode;
import io.touchline.collector.rules.RulesException;
import io.touchline.collector.testing.TestCollectors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules file collector.yaml names: loaded at start, watched while the collector runs. */
class CollectorRulesTest {

  private static final String RULES =
      String.join(
          "\n",
          "rules:",
          "  - name: cart-reminder",
          "    trigger: cart.add@web",
          "    unless: {step: order.placed, within: 30m}",
          "    requireKey: customer_id",
          "    action: {target: mailer, path: /campaigns/cart-reminder/send,"
              + " body: '{\"customerNumber\": \"{{keys.customer_id}}\"}'}",
          "    mode: shadow",
          "targets:",
          "  mailer: {url: 'http://127.0.0.1:8084'}",
          "");

  @TempDir Path dir;

  private CollectorConfig config(Path rules) throws Exception {
    return new CollectorConfigLoader()
        .parse("collector.yaml", "rules:\n  file: " + rules + "\n  lateness: 30s\n");
  }

  @Test
  void loadsTheRulesAtStartAndPutsAnEditInForceWhileRunning() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, RULES);

    try (Collector collector = TestCollectors.startWith(dir.resolve("data"), config(rules))) {
      assertThat(collector.rules().orElseThrow().current().rules())
          .singleElement()
          .satisfies(rule -> assertThat(rule.mode()).isEqualTo(Mode.SHADOW));

      Files.writeString(rules, RULES.replace("mode: shadow", "mode: live"));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (collector.rules().get().current().rules().get(0).mode() != Mode.LIVE
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(collector.rules().get().current().rules().get(0).mode()).isEqualTo(Mode.LIVE);
      assertThat(Thread.getAllStackTraces().keySet())
          .extracting(Thread::getName)
          .contains("touchline-rules-watch-1");
    }
  }

  @Test
  void aRulesFileThatDoesNotLoadStopsTheStartBeforeTheDatabaseOpens() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, RULES.replace("requireKey: customer_id", "requireKey: loyalty"));
    Path data = dir.resolve("data");

    assertThatThrownBy(() -> TestCollectors.startWith(data, config(rules)))
        .isInstanceOf(RulesException.class)
        .hasMessage(
            rules
                + ":5: rules[0].requireKey: 'loyalty' is not a key type of collector.yaml; the key"
                + " types are: customer_id, email, phone, device, session");
    assertThat(data.resolve("touchline.duckdb")).doesNotExist();
  }

  @Test
  void runsWithoutRulesWhenCollectorYamlNamesNone() throws Exception {
    try (Collector collector = TestCollectors.start(dir.resolve("data"))) {
      assertThat(collector.rules()).isEmpty();
    }
  }
}
