package io.touchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with real parts: the collector jar and the web shop with {@code -javaagent} as
 * separate JVMs, the shipped {@code config/agent.yaml}, OTLP over loopback, DuckDB on disk, and the
 * REST API. A customer logs in and checks out; the API must show both touchpoints, stitched into
 * one profile through the session the login linked to the e-mail.
 */
class WebShopJourneyIT {

  private static final Pattern COLLECTOR_READY =
      Pattern.compile("touchline collector ready: otlp-http=(http://\\S+) api=(http://\\S+)");
  private static final Pattern SHOP_READY = Pattern.compile("web-shop listening on (http://\\S+)");
  private static final Duration STARTUP = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private final List<JvmProcess> processes = new ArrayList<>();
  private final List<JvmProcess> agentJvms = new ArrayList<>();
  private Path logDir;

  @BeforeEach
  void logDirectory(TestInfo test) {
    logDir =
        Paths.get(System.getProperty("e2e.logs", "target/e2e-logs"))
            .resolve(test.getTestMethod().orElseThrow().getName());
  }

  @AfterEach
  void stopAll() throws Exception {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    for (JvmProcess jvm : agentJvms) {
      assertThat(jvm.stderr())
          .as("the agent wove every configured class and checked every path")
          .doesNotContain("could not instrument")
          .doesNotContain("skipped for");
    }
  }

  @Test
  void loginAndCheckoutArriveAsOneCustomersTouchpoints() throws Exception {
    Collector collector = startCollector();
    String shop = startShopWithAgent(collector.otlp());

    HttpJson browser = new HttpJson(shop);
    assertThat(browser.get("/products").status()).isEqualTo(200);
    HttpJson.Answer login = browser.postForm("/login", Map.of("email", "Alice.Martin@example.com"));
    assertThat(login.status()).isEqualTo(200);
    String customerNumber = login.body().get("customerNumber").asText();
    String sku = browser.get("/products").body().get(0).get("sku").asText();
    assertThat(browser.postForm("/cart/items", Map.of("sku", sku, "quantity", "2")).status())
        .isEqualTo(200);
    HttpJson.Answer order = browser.postForm("/checkout", Map.of());
    assertThat(order.status()).isEqualTo(201);

    JsonNode profile =
        awaitProfileWithTouchpoints(
            new HttpJson(collector.api()), "email:alice.martin@example.com", 3);
    JsonNode touchpoints = profile.get("touchpoints");
    assertThat(touchpoints)
        .extracting(t -> t.get("touchpoint").asText())
        .containsExactly("login", "cart.add", "order.placed");

    JsonNode loginTouchpoint = touchpoints.get(0);
    assertThat(loginTouchpoint.get("touchpoint").asText()).isEqualTo("login");
    assertThat(loginTouchpoint.get("channel").asText()).isEqualTo("web");
    assertThat(loginTouchpoint.get("service").asText()).isEqualTo("web-shop");
    assertThat(loginTouchpoint.get("outcome").asText()).isEqualTo("success");
    assertThat(loginTouchpoint.get("keys").get("email").asText())
        .isEqualTo("alice.martin@example.com");
    assertThat(loginTouchpoint.get("keys").get("customer_id").asText()).isEqualTo(customerNumber);
    String session = loginTouchpoint.get("keys").get("session").asText();
    assertThat(session).isNotBlank();
    assertThat(loginTouchpoint.get("attributes").get("code.function.name").asText())
        .isEqualTo("com.acme.shop.auth.AuthService.login");
    assertThat(loginTouchpoint.get("attributes").get("customer.tier").asText()).isEqualTo("gold");

    JsonNode cartTouchpoint = touchpoints.get(1);
    assertThat(cartTouchpoint.get("keys").get("session").asText()).isEqualTo(session);
    assertThat(cartTouchpoint.get("attributes").get("product.sku").asText()).isEqualTo(sku);
    assertThat(cartTouchpoint.get("attributes").get("product.quantity").isIntegralNumber())
        .isTrue();
    assertThat(cartTouchpoint.get("attributes").get("product.quantity").asLong()).isEqualTo(2);

    JsonNode orderTouchpoint = touchpoints.get(2);
    assertThat(orderTouchpoint.get("touchpoint").asText()).isEqualTo("order.placed");
    assertThat(orderTouchpoint.get("channel").asText()).isEqualTo("web");
    assertThat(orderTouchpoint.get("keys").get("session").asText()).isEqualTo(session);
    assertThat(orderTouchpoint.get("attributes").get("order.total").asDouble())
        .isEqualTo(order.body().get("total").asDouble());
    assertThat(orderTouchpoint.get("attributes").get("order.id").asText())
        .isEqualTo(order.body().get("orderId").asText());
    assertThat(orderTouchpoint.get("attributes").get("code.function.name").asText())
        .isEqualTo("com.acme.shop.checkout.CheckoutService.placeOrder");

    assertThat(profile.get("id").asText()).startsWith("p_");
    assertThat(profile.get("channels")).extracting(JsonNode::asText).containsExactly("web");
    assertThat(profile.get("keys"))
        .extracting(k -> k.get("type").asText())
        .contains("customer_id", "email", "session");
  }

  @Test
  void aFailedLoginAndADeclinedPaymentAreErrorTouchpoints() throws Exception {
    Collector collector = startCollector();
    String shop = startShopWithAgent(collector.otlp());
    HttpJson api = new HttpJson(collector.api());

    assertThat(
            new HttpJson(shop).postForm("/login", Map.of("email", "nobody@example.com")).status())
        .isEqualTo(401);
    JsonNode stranger = awaitProfileWithTouchpoints(api, "email:nobody@example.com", 1);
    JsonNode failedLogin = stranger.get("touchpoints").get(0);
    assertThat(failedLogin.get("touchpoint").asText()).isEqualTo("login");
    assertThat(failedLogin.get("outcome").asText()).isEqualTo("error");

    HttpJson browser = new HttpJson(shop);
    assertThat(browser.postForm("/login", Map.of("email", "bruno.keller@example.com")).status())
        .isEqualTo(200);
    assertThat(browser.postForm("/cart/items", Map.of("sku", "SKU-101", "quantity", "4")).status())
        .isEqualTo(200);
    assertThat(browser.postForm("/checkout", Map.of()).status()).isEqualTo(402);

    JsonNode bruno = awaitProfileWithTouchpoints(api, "email:bruno.keller@example.com", 4);
    assertThat(bruno.get("touchpoints"))
        .extracting(t -> t.get("touchpoint").asText() + "/" + t.get("outcome").asText())
        .as("the order fails because the payment it started was declined")
        .containsExactly(
            "login/success", "cart.add/success", "order.placed/error", "payment.declined/error");
    JsonNode declined = bruno.get("touchpoints").get(3);
    assertThat(declined.get("keys").get("customer_id").asText()).isEqualTo("C-1002");
    assertThat(declined.get("attributes").get("payment.amount").asDouble()).isEqualTo(516.0);
    assertThat(declined.get("attributes").get("payment.decline_reason").asText())
        .isEqualTo("over the card limit of 500.00");
    assertThat(declined.get("attributes").get("code.function.name").asText())
        .isEqualTo("com.acme.shop.payment.CardLimitGateway.charge");
  }

  private record Collector(String otlp, String api) {}

  private Collector startCollector() throws Exception {
    Path config = tmp.resolve("collector.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "bindAddress: 127.0.0.1",
            "otlp:",
            "  grpcPort: 0",
            "  httpPort: 0",
            "api:",
            "  port: 0",
            "storage:",
            "  path: " + tmp.resolve("data"),
            ""),
        StandardCharsets.UTF_8);
    JvmProcess collector =
        JvmProcess.start(
            "collector",
            logDir,
            Map.of(),
            List.of("-jar", jar("touchline.collector.jar"), "--config", config.toString()));
    processes.add(collector);
    MatchResult ready = collector.awaitLine(COLLECTOR_READY, STARTUP);
    return new Collector(ready.group(1), ready.group(2));
  }

  private String startShopWithAgent(String otlpEndpoint) throws Exception {
    JvmProcess shop =
        JvmProcess.start(
            "web-shop",
            logDir,
            Map.of("TOUCHLINE_EXPORTER_OTLP_ENDPOINT", otlpEndpoint),
            List.of(
                "-javaagent:"
                    + jar("touchline.agent.jar")
                    + "=config="
                    + System.getProperty("touchline.agent.config"),
                "-jar",
                jar("demo.webshop.jar"),
                "--port",
                "0"));
    processes.add(shop);
    agentJvms.add(shop);
    String url = shop.awaitLine(SHOP_READY, STARTUP).group(1);
    assertThat(shop.stderr())
        .as("the agent reports it started")
        .contains("[touchline] INFO agent started");
    return url;
  }

  /** Polls the API until the profile holds the expected touchpoints: ingest is asynchronous. */
  private static JsonNode awaitProfileWithTouchpoints(HttpJson api, String key, int count)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    HttpJson.Answer last = null;
    while (System.nanoTime() < deadline) {
      last =
          api.get("/api/profiles?key=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8));
      if (last.status() == 200 && last.body().get("touchpoints").size() >= count) {
        return last.body();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "profile "
            + key
            + " did not reach "
            + count
            + " touchpoints; last answer: "
            + (last == null ? "none" : last.status() + " " + last.body()));
  }

  private static String jar(String property) {
    String path = System.getProperty(property);
    assertThat(path).as("system property " + property).isNotNull();
    assertThat(Paths.get(path)).as(property).exists();
    return path;
  }
}
