package io.touchline.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.Collector;
import io.touchline.collector.testing.CollectorHttp;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCollectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckRulesCommandTest {

  private static final String RULES =
      String.join(
          "\n",
          "rules:",
          "  - name: declined-payment-callback",
          "    trigger: payment.declined@web",
          "    unless: {step: order.placed, within: 30m}",
          "    action: {target: desk, body: '{\"customerNumber\": \"{{keys.customer_id}}\"}'}",
          "    goal: {step: order.placd, within: 7d}",
          "    mode: live",
          "  - name: app-reminder",
          "    trigger: cart.add@mobile",
          "    after: {step: login@kiosk, within: 1h}",
          "    action: {target: desk}",
          "    mode: shadow",
          "targets:",
          "  desk: {url: 'http://127.0.0.1:8082/callbacks'}",
          "");

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new CheckRulesCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of())
        .run(List.of(args));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path write(String text) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void printsEachRulesNameVersionModeAndTrigger() throws Exception {
    Path file = write(RULES);

    assertThat(run(file.toString())).isZero();

    assertThat(out())
        .matches(
            "(?s)"
                + java.util.regex.Pattern.quote(file.toString())
                + ": 2 rules, 1 targets\n"
                + "  declined-payment-callback  [0-9a-f]{12}  live    payment.declined@web\n"
                + "  app-reminder               [0-9a-f]{12}  shadow  cart.add@mobile\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void exitsWithOneAndEveryMistakeWhenTheFileDoesNotLoad() throws Exception {
    Path file =
        write(
            RULES.replace("mode: shadow", "mode: quiet").replace("target: desk}", "target: dsk}"));

    assertThat(run(file.toString())).isEqualTo(1);

    assertThat(err())
        .isEqualTo(
            file
                + ":11: rules[1].action.target: no target named 'dsk'; targets are: desk\n"
                + file
                + ":12: rules[1].mode: must be live, shadow or paused, was 'quiet'\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void exitsWithTwoOnAWrongCommandLine() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("a.yaml", "b.yaml")).isEqualTo(2);
    assertThat(run("a.yaml", "--api")).isEqualTo(2);
    assertThat(err()).contains("usage: java -jar touchline-collector.jar check-rules FILE");
  }

  @Test
  void warnsAboutStepsNamingWhatWasNeverSeen() throws Exception {
    SeenCatalog seen =
        SeenCatalog.parse(
            "{\"channels\": [\"mobile\", \"web\"], \"touchpoints\": ["
                + "{\"touchpoint\": \"payment.declined\", \"channel\": \"web\"},"
                + "{\"touchpoint\": \"order.placed\", \"channel\": \"web\"},"
                + "{\"touchpoint\": \"cart.add\", \"channel\": \"web\"},"
                + "{\"touchpoint\": \"login\", \"channel\": \"web\"}]}");

    List<String> warnings =
        CheckRulesCommand.warnings(
            new io.touchline.collector.rules.RulesLoader(Map.of(), java.util.Set.of())
                .parse("rules.yaml", RULES),
            seen);

    assertThat(warnings)
        .containsExactly(
            "warning: declined-payment-callback: goal: no touchpoint named 'order.placd' has been"
                + " seen",
            "warning: app-reminder: trigger: 'cart.add' has never been seen on channel 'mobile',"
                + " only on: web",
            "warning: app-reminder: after: no channel named 'kiosk' has been seen; channels are:"
                + " mobile, web");
  }

  /** The whole way: a real collector, real spans, its catalog over HTTP. */
  @Test
  void checksTheStepsAgainstWhatARunningCollectorHasSeen(@TempDir Path data) throws Exception {
    Path file = write(RULES);
    try (Collector collector = TestCollectors.start(data)) {
      OtlpSpans spans = new OtlpSpans();
      CollectorHttp.export(
          collector,
          "web-shop",
          touchpoint(spans, "payment.declined", "web"),
          touchpoint(spans, "order.placed", "web"),
          touchpoint(spans, "cart.add", "web"));
      CollectorHttp.export(collector, "mobile-backend", touchpoint(spans, "login", "mobile"));

      assertThat(run(file.toString(), "--api", collector.apiUrl())).isZero();
    }

    assertThat(err())
        .isEqualTo(
            "warning: declined-payment-callback: goal: no touchpoint named 'order.placd' has been"
                + " seen\n"
                + "warning: app-reminder: trigger: 'cart.add' has never been seen on channel"
                + " 'mobile', only on: web\n"
                + "warning: app-reminder: after: no channel named 'kiosk' has been seen; channels"
                + " are: mobile, web\n");
    assertThat(out()).contains(" channels seen by http://127.0.0.1:").endsWith(": 3 warnings\n");
  }

  @Test
  void saysWhenTheCollectorCannotBeAsked() throws Exception {
    Path file = write(RULES);

    assertThat(run(file.toString(), "--api", "http://127.0.0.1:1")).isEqualTo(1);

    assertThat(err()).startsWith("cannot reach the collector at http://127.0.0.1:1");
  }

  private static Span touchpoint(OtlpSpans spans, String name, String channel) {
    return spans
        .span(
            name,
            OtlpSpans.attribute("touchline.touchpoint", name),
            OtlpSpans.attribute("touchline.channel", channel),
            OtlpSpans.attribute("touchline.key.customer_id", "C-1"))
        .build();
  }
}
