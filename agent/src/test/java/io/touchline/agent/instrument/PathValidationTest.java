package io.touchline.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.fixture.AccountService;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.AgentConfigLoader;
import io.touchline.agent.export.SpanPipeline;
import io.touchline.agent.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

/** Paths that cannot fit the matched method skip that touchpoint there, with one clear warning. */
class PathValidationTest {

  private static final String CONFIG =
      String.join(
          "\n",
          "service: accounts",
          "touchpoints:",
          "  - name: login.bad.index",
          "    class: com.acme.fixture.AccountService",
          "    method: login(String, String)",
          "    keys:",
          "      email: args[5]",
          "  - name: login.bad.property",
          "    class: com.acme.fixture.AccountService",
          "    method: login(String, String)",
          "    keys:",
          "      email: args[0].domain",
          "  - name: login.good",
          "    class: com.acme.fixture.AccountService",
          "    method: login(String, String)",
          "    keys:",
          "      email: args[0]",
          "      customer_id: return.customerNumber",
          "");

  @Test
  void badPathsSkipTheirTouchpointOnlyAndSaySo() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AgentLog.setOutput(new PrintStream(log, true, "UTF-8"));
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    AgentConfig config = new AgentConfigLoader(Collections.emptyMap()).parse("agent.yaml", CONFIG);
    SpanPipeline pipeline =
        SpanPipeline.start(config, Collections.emptyMap(), () -> exporter, "memory");
    Instrumentation instrumentation = ByteBuddyAgent.install();
    InstalledTouchpoints transformer =
        TouchpointInstaller.install(config, pipeline, instrumentation);
    try {
      new AccountService().login("ann@example.com", "s-1");

      assertThat(pipeline.flush(5_000)).isTrue();
      assertThat(exporter.getFinishedSpanItems())
          .extracting(SpanData::getName)
          .containsExactly("login.good");
      String warnings = new String(log.toByteArray(), StandardCharsets.UTF_8);
      assertThat(warnings)
          .contains(
              "touchpoint 'login.bad.index' (agent.yaml:3) skipped for com.acme.fixture.AccountService.login"
                  + "(java.lang.String, java.lang.String): path 'args[5]': args[5] but the method has 2 parameter(s)")
          .contains("'login.bad.property' (agent.yaml:8)")
          .contains("path 'args[0].domain': no property 'domain' on java.lang.String");
      assertThat(TouchpointInstaller.transformationErrors()).isZero();
    } finally {
      transformer.reset();
      pipeline.shutdown(1_000);
      AgentLog.setOutput(System.err);
    }
  }
}
