package io.touchline.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCommandTest {

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return AgentCommand.run(
        args,
        Collections.emptyMap(),
        new PrintStream(out, true, "UTF-8"),
        new PrintStream(err, true, "UTF-8"));
  }

  private String out() {
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private String err() {
    return new String(err.toByteArray(), StandardCharsets.UTF_8);
  }

  private Path config(String... lines) throws Exception {
    Path file = tmp.resolve("agent.yaml");
    Files.write(file, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    return file;
  }

  @Test
  void validConfigExitsZero() throws Exception {
    Path file =
        config(
            "touchpoints:",
            "  - name: login",
            "    class: com.acme.fixture.AccountService",
            "    method: login");
    assertThat(run("check", file.toString())).isZero();
    assertThat(out()).contains("valid, 1 touchpoint(s) enabled");
  }

  @Test
  void invalidConfigExitsNonZeroWithFileLineColumn() throws Exception {
    Path file = config("touchpoints:", "  - name: login", "    clas: X", "    method: login");
    assertThat(run("check", file.toString())).isEqualTo(AgentCommand.INVALID);
    assertThat(err()).startsWith(file + ":3:5: touchpoints[0].clas: unknown field");
  }

  @Test
  void listsWhatEachTouchpointMatchesOnAClassPath() throws Exception {
    Path file =
        config(
            "touchpoints:",
            "  - name: login",
            "    class: com.acme.fixture.AccountService",
            "    method: login",
            "    keys:",
            "      email: args[0]",
            "  - name: payment",
            "    subtypeOf: com.acme.fixture.PaymentGateway",
            "    method: charge",
            "  - name: ghost",
            "    class: com.acme.nowhere.*",
            "    method: x");
    assertThat(run("check", file.toString(), "--classpath", "target/test-classes")).isZero();
    assertThat(out())
        .contains("touchpoint 'login' (" + file + ":2): 2 method(s)")
        .contains("  com.acme.fixture.AccountService.login(java.lang.String, java.lang.String)")
        .contains("  com.acme.fixture.AccountService.login(java.lang.String)")
        .contains("touchpoint 'payment' (" + file + ":7): 1 method(s)")
        .contains("  com.acme.fixture.CardGateway.charge(java.lang.String, long)")
        .contains(
            "touchpoint 'ghost' ("
                + file
                + ":10): 0 method(s)\n  WARNING: matches nothing on this class path");
  }

  @Test
  void pathsThatCannotFitAreReportedAndFail() throws Exception {
    Path file =
        config(
            "touchpoints:",
            "  - name: login",
            "    class: com.acme.fixture.AccountService",
            "    method: login",
            "    keys:",
            "      session: args[1]");
    assertThat(run("check", file.toString(), "--classpath", "target/test-classes"))
        .isEqualTo(AgentCommand.INVALID);
    assertThat(out())
        .contains(
            "com.acme.fixture.AccountService.login(java.lang.String)  SKIPPED: path 'args[1]': args[1] but the method has 1 parameter(s)");
  }

  @Test
  void wrongCommandLineShowsUsage() throws Exception {
    assertThat(run()).isEqualTo(AgentCommand.USAGE);
    assertThat(run("verify", "x")).isEqualTo(AgentCommand.USAGE);
    assertThat(err()).contains("usage: java -jar touchline-agent.jar check <agent.yaml>");
  }
}
