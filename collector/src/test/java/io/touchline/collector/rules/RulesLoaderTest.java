package io.touchline.collector.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesLoaderTest {

  static final String SECRET = "call-center-hook-secret-0123456789";

  static final String EXAMPLE =
      String.join(
          "\n",
          "rules:",
          "  - name: declined-payment-callback",
          "    trigger: payment.declined@web",
          "    where: 'trigger.attributes[\"payment.amount\"] > 100.0'",
          "    unless: {step: order.placed, within: 30m}",
          "    segment: {customer.tier: [gold, silver]}",
          "    requireKey: customer_id",
          "    action: {target: call-center-callbacks, body: '{\"customerNumber\":"
              + " \"{{keys.customer_id}}\", \"inMinutes\": 15}'}",
          "    controlGroup: 20%",
          "    goal: {step: order.placed, within: 7d}",
          "    cap: {perProfile: 1, within: 7d}",
          "    mode: live",
          "targets:",
          "  call-center-callbacks: {url: 'http://127.0.0.1:8082/callbacks', secretEnv:"
              + " CALLCENTER_HOOK_SECRET, timeout: 5s}",
          "contactPolicy: {maxActions: 3, within: 7d, quietHours: '21:00-08:00', globalControl:"
              + " 5%}",
          "");

  static RulesLoader loader() {
    return new RulesLoader(Map.of("CALLCENTER_HOOK_SECRET", SECRET), Set.of());
  }

  @Test
  void readsTheIssuesExample() throws RulesException {
    RuleSet set = loader().parse("rules.yaml", EXAMPLE);

    Rule rule = set.rules().get(0);
    assertThat(rule.name()).isEqualTo("declined-payment-callback");
    assertThat(rule.line()).isEqualTo(2);
    assertThat(rule.trigger()).isEqualTo(new Step("payment.declined", "web", null));
    assertThat(rule.unless())
        .containsExactly(
            new StepWindow(new Step("order.placed", null, null), Duration.ofMinutes(30)));
    assertThat(rule.segment()).containsEntry("customer.tier", Set.of("gold", "silver"));
    assertThat(rule.requireKey()).contains("customer_id");
    assertThat(rule.controlGroup()).isEqualTo(new Percent(2000));
    assertThat(rule.cap()).contains(new Cap(1, Duration.ofDays(7)));
    assertThat(rule.mode()).isEqualTo(Mode.LIVE);
    assertThat(rule.version()).matches("[0-9a-f]{12}");
    Target target = set.targets().get("call-center-callbacks");
    assertThat(target.method()).isEqualTo("POST");
    assertThat(target.secret()).contains(SECRET);
    assertThat(target.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(target.toString()).doesNotContain(SECRET);
    assertThat(set.contactPolicy().maxActions()).isEqualTo(3);
    assertThat(set.contactPolicy().globalControl()).isEqualTo(new Percent(500));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "target: call-center-callbacks|target: call-centre|rules.yaml:8: rules[0].action.target: no target named 'call-centre'; targets are: call-center-callbacks",
        "mode: live|mode: loud|rules.yaml:12: rules[0].mode: must be live, shadow or paused, was 'loud'",
        "    mode: live|    mod: live|rules.yaml:12: rules[0].mod: unknown field; expected one of",
        "controlGroup: 20%|controlGroup: 120%|rules.yaml:9: rules[0].controlGroup: must be 100% at most",
        "controlGroup: 20%|controlGroup: -1|rules.yaml:9: rules[0].controlGroup: must be a share",
        "within: 30m|within: 0m|rules.yaml:5: rules[0].unless.within: must be longer than zero",
        "within: 30m|within: soon|rules.yaml:5: rules[0].unless.within: must be a duration such as 90s, 30m",
        "{step: order.placed, within: 7d}|{step: order.placed}|rules.yaml:10: rules[0].goal.within: required",
        "perProfile: 1|perProfile: 0|rules.yaml:11: rules[0].cap.perProfile: must be 1 or more, was 0",
        "100.0'|100.0 &&'|rules.yaml:4: rules[0].where: not a valid CEL predicate: column 48",
        "trigger.attributes[|trigger.atributes[|rules.yaml:4: rules[0].where: not a valid CEL predicate: column 1: undeclared reference",
        "{{keys.customer_id}}|{{keys.customer_id}|rules.yaml:8: rules[0].action.body: not a valid template",
        "\"inMinutes\": 15|\"inMinutes\": 15,|rules.yaml:8: rules[0].action.body: is not JSON once filled in",
        "secretEnv: CALLCENTER_HOOK_SECRET|secretEnv: NOT_SET_ANYWHERE|rules.yaml:14: targets.call-center-callbacks.secretEnv: the environment variable NOT_SET_ANYWHERE is not set",
        "payment.declined@web|payment.declined@|rules.yaml:3: rules[0].trigger: a step is a touchpoint name",
        "payment.declined@web|{touchpoint: payment.declined, outcome: ok}|rules.yaml:3: rules[0].trigger.outcome: must be success or error",
        "payment.declined@web|{touchpoint: payment.declined, chanel: web}|rules.yaml:3: rules[0].trigger.chanel: unknown field",
        "payment.declined@web|{channel: web}|rules.yaml:3: rules[0].trigger.touchpoint: required",
        "quietHours: '21:00-08:00'|quietHours: '25:00-08:00'|rules.yaml:15: contactPolicy.quietHours: must be two times of day",
        "quietHours: '21:00-08:00'|quietHours: '21:00-08:00', timeZone: Mars/Olympus|rules.yaml:15: contactPolicy.timeZone: must be a time zone",
        "maxActions: 3, |maxActions: 0, |rules.yaml:15: contactPolicy.maxActions: must be 1 or more",
        "maxActions: 3, |`  `|rules.yaml:15: contactPolicy.within: means nothing without maxActions",
        "timeout: 5s|timeout: 1h|rules.yaml:14: targets.call-center-callbacks.timeout: must be 5m at most",
        "http://127.0.0.1:8082/callbacks|ftp://host/callbacks|rules.yaml:14: targets.call-center-callbacks.url: must be an http:// or https:// URL",
        "http://127.0.0.1:8082/callbacks|http://user:pw@host/callbacks|rules.yaml:14: targets.call-center-callbacks.url: must not hold a user or password",
        "timeout: 5s|timeout: 5s, concurrency: 0|rules.yaml:14: targets.call-center-callbacks.concurrency: must be between 1 and 256",
        "timeout: 5s|timeout: 5s, method: FETCH|rules.yaml:14: targets.call-center-callbacks.method: must be POST, PUT, PATCH, GET or DELETE",
        "timeout: 5s|timeout: 5s, method: GET|rules.yaml:8: rules[0].action.body: target 'call-center-callbacks' sends GET requests",
        "timeout: 5s|timeout: 5s, headers: {Idempotency-Key: x}|rules.yaml:14: targets.call-center-callbacks.headers.Idempotency-Key: is set by Touchline",
        "[gold, silver]|[]|rules.yaml:6: rules[0].segment.customer.tier: required",
        "requireKey: customer_id|requireKey: Customer Id|rules.yaml:7: rules[0].requireKey: 'Customer Id' is not a key type's name",
        "- name: declined-payment-callback|- name: declined payment|rules.yaml:2: rules[0].name: 'declined payment' is not a name",
        "    mode: live|    mode:|rules.yaml:12: rules[0].mode: required: live, shadow or paused",
        "    trigger: payment.declined@web|    trigger: [a, b]|rules.yaml:3: rules[0].trigger: expected",
        "`rules:\n  - name: declined-payment-callback`|`rules: 3\nrulez:\n  - name: x`|rules.yaml:1: rules: expected a mapping of fields, found '3'",
        "    cap: {perProfile: 1, within: 7d}|    cap: {perProfile: 1, within: 7d|rules.yaml:12: not valid YAML: expected ',' or '}'",
      })
  void refusesAMistakeNamingTheFileLineAndField(String from, String to, String message) {
    String broken = EXAMPLE.replace(from, to);
    assertThat(broken).isNotEqualTo(EXAMPLE);

    assertThatThrownBy(() -> loader().parse("rules.yaml", broken))
        .isInstanceOf(RulesException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void namesEveryMistakeOfTheFileInOneLoad() {
    String broken =
        EXAMPLE
            .replace("mode: live", "mode: loud")
            .replace("target: call-center-callbacks", "target: call-centre")
            .replace("timeout: 5s", "timeout: soon");

    assertThatThrownBy(() -> loader().parse("rules.yaml", broken))
        .isInstanceOfSatisfying(
            RulesException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "rules.yaml:14: targets.call-center-callbacks.timeout: must be a duration"
                            + " such as 90s, 30m, 12h or 400d, was 'soon'",
                        "rules.yaml:8: rules[0].action.target: no target named 'call-centre';"
                            + " targets are: call-center-callbacks",
                        "rules.yaml:12: rules[0].mode: must be live, shadow or paused, was"
                            + " 'loud'"));
  }

  @Test
  void refusesTwoRulesOfOneName() {
    String twice =
        EXAMPLE.replace(
            "targets:",
            "  - name: declined-payment-callback\n    trigger: login\n"
                + "    action: {target: call-center-callbacks}\n    mode: shadow\ntargets:");

    assertThatThrownBy(() -> loader().parse("rules.yaml", twice))
        .hasMessage(
            "rules.yaml:13: rules[1].name: 'declined-payment-callback' already names rules[0];"
                + " every rule needs a name of its own");
  }

  @Test
  void readsSecretsFromTheEnvironmentAndNeverPrintsThem() throws RulesException {
    String withHeaders =
        EXAMPLE
            .replace(
                "timeout: 5s",
                "timeout: 5s, headers: {Authorization: 'Bearer ${DESK_TOKEN}', X-Desk:"
                    + " '${DESK_NAME:-north}'}, url: '${DESK_URL:-http://127.0.0.1:8082}/callbacks'")
            .replace("{url: 'http://127.0.0.1:8082/callbacks', ", "{");
    RulesLoader loader =
        new RulesLoader(
            Map.of("CALLCENTER_HOOK_SECRET", SECRET, "DESK_TOKEN", "desk-token-0123456789"),
            Set.of());

    Target target = loader.parse("rules.yaml", withHeaders).targets().get("call-center-callbacks");

    assertThat(target.headers())
        .containsEntry("Authorization", "Bearer desk-token-0123456789")
        .containsEntry("X-Desk", "north")
        .containsEntry("Content-Type", "application/json");
    assertThat(target.url()).hasToString("http://127.0.0.1:8082/callbacks");
    assertThat(target.toString()).doesNotContain("desk-token").doesNotContain(SECRET);
    assertThatThrownBy(
            () ->
                new RulesLoader(Map.of("CALLCENTER_HOOK_SECRET", SECRET), Set.of())
                    .parse("rules.yaml", withHeaders))
        .hasMessageContaining(
            "headers.Authorization: the environment variable DESK_TOKEN is not set");
  }

  @Test
  void refusesAShortSigningSecretWithoutSayingIt() {
    assertThatThrownBy(
            () ->
                new RulesLoader(Map.of("CALLCENTER_HOOK_SECRET", "hunter2"), Set.of())
                    .parse("rules.yaml", EXAMPLE))
        .hasMessage(
            "rules.yaml:14: targets.call-center-callbacks.secretEnv: the environment variable"
                + " CALLCENTER_HOOK_SECRET holds 7 characters; a signing secret needs at least 16")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void requireKeyMustNameAKeyTypeOfTheCollector() {
    RulesLoader loader =
        new RulesLoader(
            Map.of("CALLCENTER_HOOK_SECRET", SECRET),
            new java.util.LinkedHashSet<>(java.util.List.of("email", "phone")));

    assertThatThrownBy(() -> loader.parse("rules.yaml", EXAMPLE))
        .hasMessage(
            "rules.yaml:7: rules[0].requireKey: 'customer_id' is not a key type of collector.yaml;"
                + " the key types are: email, phone");
  }

  @Test
  void anEmptyFileHasNoRules() throws RulesException {
    assertThat(loader().parse("rules.yaml", "").rules()).isEmpty();
    assertThat(loader().parse("rules.yaml", "# none yet\n").rules()).isEmpty();
    assertThat(loader().parse("rules.yaml", "rules: []\n").contactPolicy())
        .isEqualTo(ContactPolicy.NONE);
  }

  @Test
  void takesOneConditionOrAListOfThem() throws RulesException {
    String yaml =
        String.join(
            "\n",
            "rules:",
            "  - name: locked-out",
            "    trigger: {touchpoint: login, outcome: error}",
            "    after:",
            "      - {step: product.view@web, within: 1h}",
            "      - {step: cart.add, within: 1h}",
            "    count: {step: {touchpoint: login, channel: web, outcome: error}, atLeast: 3,"
                + " within: 10m}",
            "    action: {target: desk, path: '/customers/{{keys.customer_id}}/tasks'}",
            "    mode: shadow",
            "targets:",
            "  desk: {url: 'https://desk.example.com/api', method: put, ratePerSecond: 2.5}",
            "");

    Rule rule = loader().parse("rules.yaml", yaml).rules().get(0);

    assertThat(rule.trigger()).isEqualTo(new Step("login", null, Outcome.ERROR));
    assertThat(rule.after())
        .extracting(StepWindow::toString)
        .containsExactly("product.view@web within 1h", "cart.add within 1h");
    assertThat(rule.count())
        .containsExactly(
            new StepCount(new Step("login", "web", Outcome.ERROR), 3, Duration.ofMinutes(10)));
    assertThat(rule.count().get(0)).hasToString("3 × login@web (error) within 10m");
    assertThat(rule.steps())
        .extracting(Rule.StepUse::field)
        .containsExactly("trigger", "after[0]", "after[1]", "count");
    assertThat(rule.controlGroup()).isEqualTo(Percent.NONE);
    assertThat(rule.action().body()).isEmpty();
    assertThat(
            rule.action().path().orElseThrow().render(Map.of("keys", Map.of("customer_id", "C 1"))))
        .isEqualTo("/customers/C%201/tasks");
    Target desk = loader().parse("rules.yaml", yaml).targets().get("desk");
    assertThat(desk.method()).isEqualTo("PUT");
    assertThat(desk.ratePerSecond()).hasValue(2.5);
    assertThat(desk.concurrency()).isEqualTo(Target.DEFAULT_CONCURRENCY);
  }

  @Test
  void loadsAFileAndSaysWhenItIsMissing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, EXAMPLE);

    assertThat(loader().load(file).source()).isEqualTo(file.toString());
    assertThatThrownBy(() -> loader().load(dir.resolve("nothere.yaml")))
        .hasMessage(dir.resolve("nothere.yaml") + ": cannot read the rules file: no such file");
  }
}
