package io.touchline.collector.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesSourceTest {

  @TempDir Path dir;

  private Path write(String text) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aBrokenFileAtStartStopsTheStartWithItsError() throws Exception {
    Path file = write(RulesLoaderTest.EXAMPLE.replace("mode: live", "mode: loud"));

    assertThatThrownBy(() -> RulesSource.load(file, RulesLoaderTest.loader()))
        .isInstanceOf(RulesException.class)
        .hasMessage(file + ":12: rules[0].mode: must be live, shadow or paused, was 'loud'");
  }

  @Test
  void aBrokenEditKeepsTheRulesInForceAndSaysWhyOnce() throws Exception {
    Path file = write(RulesLoaderTest.EXAMPLE);
    RulesSource source = RulesSource.load(file, RulesLoaderTest.loader());
    RuleSet loaded = source.current();
    write(RulesLoaderTest.EXAMPLE.replace("target: call-center-callbacks", "target: call-centre"));

    String first = stderrOf(source::check);
    String second = stderrOf(source::check);

    assertThat(source.current()).isSameAs(loaded);
    assertThat(first)
        .contains("rules " + file + " changed but cannot be used; the rules loaded at")
        .contains(
            "touchline collector: "
                + file
                + ":8: rules[0].action.target: no target named 'call-centre'; targets are:"
                + " call-center-callbacks");
    assertThat(second).isEmpty();
    assertThat(source.lastError().orElseThrow().problems())
        .containsExactly(
            file
                + ":8: rules[0].action.target: no target named 'call-centre'; targets are:"
                + " call-center-callbacks");
  }

  @Test
  void aGoodEditReplacesTheRulesAndSaysWhichVersionsChanged() throws Exception {
    Path file = write(RulesLoaderTest.EXAMPLE);
    RulesSource source = RulesSource.load(file, RulesLoaderTest.loader());
    String before = source.current().rule("declined-payment-callback").orElseThrow().version();
    List<RuleSet> told = new ArrayList<>();
    source.onChange(told::add);
    write(RulesLoaderTest.EXAMPLE.replace("mode: live", "mode: loud"));
    stderrOf(source::check);

    write(RulesLoaderTest.EXAMPLE.replace("within: 30m", "within: 45m"));
    String said = stdoutOf(source::check);

    String after = source.current().rule("declined-payment-callback").orElseThrow().version();
    assertThat(after).isNotEqualTo(before);
    assertThat(said)
        .isEqualTo(
            "touchline collector: rules "
                + file
                + " reloaded: declined-payment-callback "
                + before
                + " -> "
                + after
                + "\n");
    assertThat(source.lastError()).isEmpty();
    assertThat(told).containsExactly(source.current());
  }

  @Test
  void saysANewRuleARemovedOneAndAModeChange() throws Exception {
    RuleSet one = RulesLoaderTest.loader().parse("rules.yaml", RulesLoaderTest.EXAMPLE);
    RuleSet renamed =
        RulesLoaderTest.loader()
            .parse(
                "rules.yaml",
                RulesLoaderTest.EXAMPLE.replace("declined-payment-callback", "callback"));
    RuleSet shadow =
        RulesLoaderTest.loader()
            .parse("rules.yaml", RulesLoaderTest.EXAMPLE.replace("mode: live", "mode: shadow"));

    assertThat(RulesSource.changes(one, renamed))
        .matches("new callback [0-9a-f]{12}, removed declined-payment-callback");
    assertThat(RulesSource.changes(one, shadow)).isEqualTo("declined-payment-callback now shadow");
    assertThat(RulesSource.changes(one, one)).isEqualTo("no rule changed (1 rules)");
  }

  @Test
  void watchesTheFileOnTheThreadItIsGiven() throws Exception {
    Path file = write(RulesLoaderTest.EXAMPLE);
    RulesSource source = RulesSource.load(file, RulesLoaderTest.loader());
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      source.watch(scheduler);
      write(RulesLoaderTest.EXAMPLE.replace("mode: live", "mode: paused"));

      long deadline = System.nanoTime() + 10_000_000_000L;
      while (source.current().rules().get(0).mode() != Mode.PAUSED
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(source.current().rules().get(0).mode()).isEqualTo(Mode.PAUSED);
    } finally {
      source.close();
      scheduler.shutdownNow();
    }
  }

  private static String stderrOf(Runnable action) {
    return captured(action, false);
  }

  private static String stdoutOf(Runnable action) {
    return captured(action, true);
  }

  private static String captured(Runnable action, boolean out) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = out ? System.out : System.err;
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    if (out) {
      System.setOut(capture);
    } else {
      System.setErr(capture);
    }
    try {
      action.run();
    } finally {
      if (out) {
        System.setOut(original);
      } else {
        System.setErr(original);
      }
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
