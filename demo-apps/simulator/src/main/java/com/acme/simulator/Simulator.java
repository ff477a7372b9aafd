package com.acme.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * {@code java -jar simulator.jar [--shop URL] [--customers N] [--seed S]}: plays scripted
 * customers against the web shop through its HTTP interface only, as browsers would.
 */
public final class Simulator {

  static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(30);

  /** Rain jacket, 129.00: five of them are over the shop's card limit of 500.00. */
  private static final String DEAREST_SKU = "SKU-101";

  private final String shop;
  private final Random random;
  private final Duration readinessTimeout;

  Simulator(String shop, long seed, Duration readinessTimeout) {
    this.shop = shop;
    // A stream of its own: which products a customer views must not shift who does what.
    this.random = new Random(seed ^ 0x5DEECE66DL);
    this.readinessTimeout = readinessTimeout;
  }

  public static void main(String[] args) throws InterruptedException {
    String shop = "http://127.0.0.1:8081";
    int customers = 5;
    long seed = 42;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--shop" -> shop = args[i + 1];
        case "--customers" -> customers = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> usage();
      }
    }
    if (args.length % 2 != 0) {
      usage();
    }
    try {
      Summary summary = new Simulator(shop, seed, DEFAULT_READINESS_TIMEOUT).run(CustomerPlan.plan(personas(), customers, seed));
      System.out.println(summary);
    } catch (IOException e) {
      System.err.println("simulator: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void usage() {
    System.err.println("usage: simulator [--shop URL] [--customers N] [--seed S]");
    System.exit(2);
  }

  /** What a run did, for its closing line. */
  record Summary(int customers, int orders, int abandonedCarts, int declinedPayments, int browseOnly) {
    @Override
    public String toString() {
      return count(customers, "customer") + ": " + count(orders, "order") + ", "
          + count(abandonedCarts, "abandoned cart") + ", " + count(declinedPayments, "declined payment")
          + ", " + browseOnly + " only browsed";
    }
  }

  Summary run(List<CustomerPlan> plans) throws IOException, InterruptedException {
    awaitShop(readinessTimeout);
    int orders = 0;
    int abandoned = 0;
    int declined = 0;
    int browsed = 0;
    for (CustomerPlan plan : plans) {
      String story = play(plan);
      System.out.println(plan.email() + ": " + story);
      switch (plan.scenario()) {
        case PURCHASE -> orders++;
        case ABANDONED_CART -> abandoned++;
        case DECLINED_PAYMENT -> declined++;
        case BROWSE_ONLY -> browsed++;
      }
    }
    return new Summary(plans.size(), orders, abandoned, declined, browsed);
  }

  private String play(CustomerPlan plan) throws IOException, InterruptedException {
    ShopClient browser = new ShopClient(shop);
    JsonNode products = browser.get("/products");
    List<String> viewed = new ArrayList<>();
    for (int i = 0; i < plan.products(); i++) {
      String sku = products.get(random.nextInt(products.size())).get("sku").asText();
      browser.get("/products/" + sku);
      viewed.add(sku);
    }
    if (plan.scenario() == Scenario.BROWSE_ONLY) {
      return "browsed " + products(viewed.size()) + " anonymously";
    }
    browser.post("/login", ShopClient.form("email", plan.email()), 200);
    for (String sku : viewed) {
      browser.post("/cart/items", ShopClient.form("sku", sku), 200);
    }
    if (plan.scenario() == Scenario.ABANDONED_CART) {
      return "browsed " + products(viewed.size()) + ", logged in, left them in the cart";
    }
    if (plan.scenario() == Scenario.DECLINED_PAYMENT) {
      // Enough of the dearest product to go over the demo card limit.
      browser.post("/cart/items", ShopClient.form("sku", DEAREST_SKU) + "&" + ShopClient.form("quantity", "5"), 200);
      JsonNode declined = browser.post("/checkout", "", 402);
      return "browsed " + products(viewed.size()) + ", logged in, checkout declined: " + declined.get("error").asText();
    }
    JsonNode order = browser.post("/checkout", "", 201);
    return "browsed " + products(viewed.size()) + ", logged in, ordered " + order.get("orderId").asText()
        + " total " + order.get("total").asText();
  }

  private static String products(int count) {
    return count(count, "product");
  }

  private static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** Polls the shop's health endpoint: it may still be starting when the simulator starts. */
  private void awaitShop(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try {
        new ShopClient(shop).get("/health");
        return;
      } catch (ConnectException e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new IOException(
        "the shop at " + shop + " did not answer within " + timeout.toMillis() + " ms", last);
  }

  static List<String> personas() {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(Simulator.class.getResourceAsStream("/personas.txt")),
                StandardCharsets.UTF_8))) {
      return reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read personas.txt", e);
    }
  }
}
