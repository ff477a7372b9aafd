package io.touchline.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.fixture.Account;
import com.acme.fixture.AccountService;
import com.acme.fixture.CardGateway;
import com.acme.fixture.DeclinedException;
import com.acme.fixture.Helpdesk;
import com.acme.fixture.OrderDesk;
import com.acme.fixture.PaymentGateway;
import com.acme.fixture.SlowDirectory;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.AgentConfigLoader;
import io.touchline.agent.config.ConfigException;
import io.touchline.agent.export.SpanPipeline;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Weaves real advice into fixture classes with a self-attached agent, as a host JVM would see. */
class TouchpointInstallerTest {

  private static final String CONFIG =
      String.join(
          "\n",
          "service: accounts",
          "version: test-1",
          "touchpoints:",
          "  - name: login",
          "    class: com.acme.fixture.AccountService",
          "    method: login(String, java.lang.String)",
          "    keys:",
          "      email: args[0]",
          "      session: args[1]",
          "      customer_id: return.customerNumber",
          "  - name: login.token",
          "    channel: api",
          "    class: com.acme.fixture.Account*",
          "    method: login(java.lang.String)",
          "  - name: lookup",
          "    class: com.acme.**.AccountService",
          "    method: apply",
          "    keys:",
          "      email: args[0]",
          "  - name: discount",
          "    class: com.acme.fixture.AccountService",
          "    method: discount",
          "    attributes:",
          "      discount.percent: args[0]",
          "      discount.result: return",
          "  - name: nested.getter",
          "    class: com.acme.fixture.Account",
          "    method: getEmail",
          "  - name: payment",
          "    subtypeOf: com.acme.fixture.PaymentGateway",
          "    method: charge",
          "    keys:",
          "      customer_id: args[0]",
          "  - name: payment.declined",
          "    subtypeOf: com.acme.fixture.PaymentGateway",
          "    method: charge",
          "    when:",
          "      thrown: java.lang.IllegalStateException",
          "  - name: ticket",
          "    annotatedWith: com.acme.fixture.CustomerFacing",
          "    methodAnnotatedWith: com.acme.fixture.Touch",
          "    method: open*",
          "    keys:",
          "      phone: args[0]",
          "  - name: directory.lookup",
          "    class: com.acme.fixture.SlowDirectory",
          "    method: find",
          "    keys:",
          "      phone: args[0]",
          "      customer_id: return.customerNumber",
          "  - name: order.placed",
          "    class: com.acme.fixture.OrderDesk",
          "    method: placeOrder",
          "    keys:",
          "      customer_id: args[0]",
          "  - name: account.found",
          "    class: com.acme.fixture.OrderDesk",
          "    method: findLater",
          "    keys:",
          "      email: args[0]",
          "      customer_id: return.customerNumber",
          "  - name: customer.found",
          "    class: com.acme.fixture.Helpdesk",
          "    method: findCustomer",
          "    when:",
          "      return: notNull",
          "");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SpanPipeline pipeline;
  private InstalledTouchpoints transformer;
  private Instrumentation instrumentation;

  @BeforeEach
  void install() throws ConfigException {
    AgentConfig config = new AgentConfigLoader(Collections.emptyMap()).parse("test.yaml", CONFIG);
    pipeline = SpanPipeline.start(config, Collections.emptyMap(), () -> exporter, "in memory");
    instrumentation = ByteBuddyAgent.install();
    transformer = TouchpointInstaller.install(config, pipeline, instrumentation);
  }

  @AfterEach
  void uninstall() {
    assertThat(TouchpointInstaller.transformationErrors())
        .as("Byte Buddy transformation errors")
        .isZero();
    transformer.reset();
    pipeline.shutdown(1_000);
  }

  /** What the pipeline sent, once everything recorded so far went through it. */
  private List<SpanData> sent() throws InterruptedException {
    assertThat(pipeline.flush(5_000)).as("flushed").isTrue();
    return exporter.getFinishedSpanItems();
  }

  @Test
  void emitsOneSpanPerCallFollowingTheSpanContract() throws Exception {
    Account account = new AccountService().login(" Alice@Example.com", "s-42");

    List<SpanData> spans = sent();
    assertThat(spans).hasSize(1);
    SpanData span = spans.get(0);
    assertThat(span.getName()).isEqualTo("login");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.touchpoint")))
        .isEqualTo("login");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.outcome")))
        .isEqualTo("success");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("code.function.name")))
        .isEqualTo("com.acme.fixture.AccountService.login");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.config.version")))
        .isEqualTo("test-1");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.key.email")))
        .isEqualTo("alice@example.com");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.key.session")))
        .isEqualTo("s-42");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.key.customer_id")))
        .startsWith("C-")
        .isEqualTo(account.getCustomerNumber());
    assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.channel"))).isNull();
    assertThat(span.getEndEpochNanos()).isGreaterThanOrEqualTo(span.getStartEpochNanos());
  }

  @Test
  void aThrowingMethodStillThrowsAndIsRecordedAsError() throws Exception {
    AccountService service = new AccountService();
    assertThatThrownBy(() -> service.login("unknown@example.com", "s-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no such customer");

    SpanData span = sent().get(0);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.outcome")))
        .isEqualTo("error");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.key.email")))
        .isEqualTo("unknown@example.com");
  }

  @Test
  void parameterTypesPickOneOverloadAndChannelOverrides() throws Exception {
    new AccountService().login("token-1");

    List<SpanData> spans = sent();
    assertThat(spans).extracting(SpanData::getName).containsExactly("login.token");
    assertThat(spans.get(0).getAttributes().get(AttributeKey.stringKey("touchline.channel")))
        .isEqualTo("api");
  }

  @Test
  void bridgeMethodsDoNotRecordTwice() throws Exception {
    Function<String, Account> viaInterface = new AccountService();
    viaInterface.apply("bob@example.com");

    assertThat(sent()).extracting(SpanData::getName).containsExactly("lookup");
  }

  @Test
  void subtypeOfReachesTheImplementationOnceAndWhenFiltersByException() throws Exception {
    PaymentGateway gateway = new CardGateway();
    gateway.charge("C-1", 500);
    assertThat(sent()).extracting(SpanData::getName).containsExactly("payment");
    exporter.reset();

    assertThatThrownBy(() -> gateway.charge("C-2", 50_000)).isInstanceOf(DeclinedException.class);
    assertThat(sent())
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder("payment", "payment.declined");
    assertThat(sent())
        .allSatisfy(
            span ->
                assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.outcome")))
                    .isEqualTo("error"));
  }

  /**
   * Spring's CGLIB subclasses, JDK dynamic proxies and lambdas stand in front of the real
   * implementation and forward to it: the call is recorded once, by the implementation.
   */
  @Test
  void generatedProxiesAndSubclassesDoNotRecordASecondTouchpoint() throws Exception {
    CardGateway target = new CardGateway();
    // What Spring generates for a @Configuration, a @Lazy or an AOP proxy: a subclass calling
    // super.
    PaymentGateway cglib =
        new net.bytebuddy.ByteBuddy()
            .subclass(CardGateway.class)
            .name("com.acme.fixture.CardGateway$$SpringCGLIB$$0")
            .method(net.bytebuddy.matcher.ElementMatchers.named("charge"))
            .intercept(net.bytebuddy.implementation.SuperMethodCall.INSTANCE)
            .make()
            .load(
                getClass().getClassLoader(),
                net.bytebuddy.dynamic.loading.ClassLoadingStrategy.Default.WRAPPER)
            .getLoaded()
            .getDeclaredConstructor()
            .newInstance();
    PaymentGateway jdkProxy =
        (PaymentGateway)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {PaymentGateway.class},
                (proxy, method, arguments) -> method.invoke(target, arguments));
    PaymentGateway lambda = (customer, cents) -> target.charge(customer, cents);

    cglib.charge("C-1", 100);
    jdkProxy.charge("C-2", 200);
    lambda.charge("C-3", 300);

    assertThat(sent())
        .extracting(
            span -> span.getAttributes().get(AttributeKey.stringKey("touchline.key.customer_id")))
        .containsExactly("C-1", "C-2", "C-3");
    assertThat(sent())
        .extracting(span -> span.getAttributes().get(AttributeKey.stringKey("code.function.name")))
        .containsOnly("com.acme.fixture.CardGateway.charge");
  }

  /**
   * The shape of a Spring Data repository: an interface whose only implementation is a JDK proxy
   * (the backing class implements other interfaces). {@code subtypeOf} the interface reaches the
   * proxy, once per call.
   */
  @Test
  void anInterfaceServedOnlyByAJdkProxyIsReachedOncePerCall() throws Exception {
    PaymentGateway repository =
        (PaymentGateway)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {PaymentGateway.class},
                (proxy, method, arguments) -> "R-proxy");
    repository.charge("C-9", 900);
    repository.charge("C-10", 1000);

    assertThat(sent())
        .extracting(
            span -> span.getAttributes().get(AttributeKey.stringKey("touchline.key.customer_id")))
        .containsExactly("C-9", "C-10");
    assertThat(sent())
        .extracting(span -> span.getAttributes().get(AttributeKey.stringKey("code.function.name")))
        .as("named after the interface, not the proxy class")
        .containsOnly("com.acme.fixture.PaymentGateway.charge");
  }

  @Test
  void touchpointsInsideATouchpointAreItsChildrenInOneTrace() throws Exception {
    OrderDesk desk = new OrderDesk();
    desk.placeOrder("C-7", 100);
    desk.placeOrder("C-8", 200);

    List<SpanData> spans = sent();
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactly("payment", "order.placed", "payment", "order.placed");
    SpanData payment = spans.get(0);
    SpanData order = spans.get(1);
    assertThat(order.getParentSpanContext().isValid()).as("the outer call is a root").isFalse();
    assertThat(payment.getParentSpanId()).isEqualTo(order.getSpanId());
    assertThat(payment.getTraceId()).isEqualTo(order.getTraceId());
    assertThat(spans.get(2).getTraceId())
        .as("the next call starts a trace of its own")
        .isNotEqualTo(order.getTraceId());
    assertThat(spans).extracting(SpanData::getSpanId).doesNotHaveDuplicates();
  }

  @Test
  void aFutureIsRecordedWhenItCompletesWithTheValueItCompletesWith() throws Exception {
    OrderDesk desk = new OrderDesk();
    java.util.concurrent.ExecutorService executor =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      CountDownLatch go = new CountDownLatch(1);
      java.util.concurrent.CompletableFuture<Account> found =
          desk.findLater("ann@example.com", go, executor);
      assertThat(sent()).as("nothing before the future completes").isEmpty();
      long released = io.opentelemetry.sdk.common.Clock.getDefault().now();
      go.countDown();
      String customer = found.get(10, java.util.concurrent.TimeUnit.SECONDS).getCustomerNumber();

      SpanData span = awaitSpans(1).get(0);
      assertThat(span.getName()).isEqualTo("account.found");
      assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.key.customer_id")))
          .isEqualTo(customer);
      assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.outcome")))
          .isEqualTo("success");
      assertThat(span.getEndEpochNanos())
          .as("the span ends when the future completes")
          .isGreaterThanOrEqualTo(released);
      exporter.reset();

      CountDownLatch open = new CountDownLatch(0);
      assertThatThrownBy(() -> desk.findLater("unknown@example.com", open, executor).join())
          .hasCauseInstanceOf(IllegalStateException.class);
      SpanData failed = awaitSpans(1).get(0);
      assertThat(failed.getAttributes().get(AttributeKey.stringKey("touchline.outcome")))
          .isEqualTo("error");
      assertThat(failed.getEvents())
          .extracting(e -> e.getAttributes().get(AttributeKey.stringKey("exception.type")))
          .containsExactly("java.lang.IllegalStateException");
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * Waits until the exporter holds {@code count} spans: a future's touchpoint is recorded on the
   * thread that completes it.
   */
  private List<SpanData> awaitSpans(int count) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<SpanData> spans = sent();
      if (spans.size() >= count) {
        return spans;
      }
      Thread.sleep(5);
    }
    return sent();
  }

  @Test
  void annotationsSelectClassesAndMethods() throws Exception {
    Helpdesk helpdesk = new Helpdesk();
    helpdesk.openTicket("+49 30 123");
    helpdesk.internalNote("+49 30 123"); // no @Touch: not a touchpoint

    assertThat(sent()).extracting(SpanData::getName).containsExactly("ticket");
    assertThat(sent().get(0).getAttributes().get(AttributeKey.stringKey("touchline.key.phone")))
        .isEqualTo("4930123");
  }

  @Test
  void whenReturnNotNullSkipsCallsThatFoundNothing() throws Exception {
    Helpdesk helpdesk = new Helpdesk();
    helpdesk.findCustomer("+1 555");
    helpdesk.findCustomer("+49 89");

    assertThat(sent()).extracting(SpanData::getName).containsExactly("customer.found");
  }

  @Test
  void aSlowGetterIsReadAndTheCallersResultIsUnchanged() throws Exception {
    SlowDirectory.Entry entry = new SlowDirectory().find("+49 30 1");

    assertThat(entry.getPhone()).isEqualTo("+49 30 1");
    SpanData span = sent().get(0);
    assertThat(span.getName()).isEqualTo("directory.lookup");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.key.customer_id")))
        .isEqualTo("C-8");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("touchline.key.phone")))
        .isEqualTo("49301");
  }

  @Test
  void staticMethodsAndTypedAttributes() throws Exception {
    assertThat(AccountService.discount(7)).isEqualTo(14);

    SpanData span = sent().get(0);
    assertThat(span.getAttributes().get(AttributeKey.longKey("discount.percent"))).isEqualTo(7L);
    assertThat(span.getAttributes().get(AttributeKey.longKey("discount.result"))).isEqualTo(14L);
  }

  @Test
  void gettersTheAgentCallsWhileCapturingEmitNothing() throws Exception {
    new AccountService().apply("carol@example.com").getEmail(); // the application's own call

    // lookup reads no getter of Account; the application's own getEmail() call is a touchpoint.
    assertThat(sent()).extracting(SpanData::getName).containsExactly("lookup", "nested.getter");
    exporter.reset();

    new AccountService().login("dave@example.com", "s-9"); // capture reads customerNumber only
    assertThat(sent()).extracting(SpanData::getName).containsExactly("login");
  }
}
