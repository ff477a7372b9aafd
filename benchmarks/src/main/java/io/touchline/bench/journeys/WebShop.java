package io.touchline.bench.journeys;

import com.acme.simulator.journey.App;
import com.acme.simulator.population.Person;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The web shop and its agent (config/agent.yaml): the requests the shop answers, with the state it
 * keeps per session (who is logged in, the cart), and the touchpoint spans the agent writes for
 * them: names, keys and attributes as that config captures them.
 */
final class WebShop {

  /** Every demo card is declined above this amount (CardLimitGateway). */
  static final BigDecimal CARD_LIMIT = new BigDecimal("500.00");

  private static final String SHOP = "com.acme.shop.";
  private static final String DECLINED = "com.acme.shop.payment.PaymentDeclinedException";

  /** The frames a declined charge is thrown through, as the shop's threads run it. */
  private static final String DECLINE_FRAMES =
      """
      \tat com.acme.shop.payment.CardLimitGateway.charge(CardLimitGateway.java:26)
      \tat com.acme.shop.checkout.CheckoutService.placeOrder(CheckoutService.java:51)
      \tat com.acme.shop.web.ShopController.placeOrder(ShopController.java:203)
      \tat com.acme.shop.web.ShopController.route(ShopController.java:137)
      \tat com.acme.shop.web.ShopController.handle(ShopController.java:66)
      \tat jdk.httpserver/com.sun.net.httpserver.Filter$Chain.doFilter(Filter.java:95)
      \tat jdk.httpserver/sun.net.httpserver.AuthFilter.doFilter(AuthFilter.java:82)
      \tat jdk.httpserver/com.sun.net.httpserver.Filter$Chain.doFilter(Filter.java:98)
      \tat jdk.httpserver/sun.net.httpserver.ServerImpl$Exchange$LinkHandler.handle(ServerImpl.java:855)
      \tat jdk.httpserver/com.sun.net.httpserver.Filter$Chain.doFilter(Filter.java:95)
      \tat jdk.httpserver/sun.net.httpserver.ServerImpl$Exchange.run(ServerImpl.java:831)
      \tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)
      \tat java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)
      \tat java.base/java.lang.Thread.run(Thread.java:840)
      """;

  private long orders = 50_000;

  void home(Sitting s, String query) {
    s.request(App.SHOP, "GET /" + query, 200, List.of());
  }

  void catalog(Sitting s) {
    s.request(App.SHOP, "GET /products", 200, List.of());
  }

  void viewProduct(Sitting s, Browser browser, Catalog.Product product) {
    s.request(
        App.SHOP,
        "GET /products/" + product.sku(),
        200,
        List.of(
            s.span(
                "product.view",
                SHOP + "catalog.CatalogService.viewProduct",
                AgentKeys.of("session", browser.session()),
                Map.of("product.sku", product.sku(), "product.price", money(product.price())),
                null)));
  }

  void login(Sitting s, Browser browser, Person customer, String email) {
    browser.logIn(customer);
    s.request(
        App.SHOP,
        "POST /login",
        200,
        List.of(
            s.span(
                "login",
                SHOP + "auth.AuthService.login",
                AgentKeys.of("email", email)
                    .and("session", browser.session())
                    .and("customer_id", customer.customerNumber()),
                Map.of("customer.tier", customer.tier()),
                null)));
  }

  void addToCart(Sitting s, Browser browser, Catalog.Product product, int quantity) {
    browser.addToCart(product.price().multiply(BigDecimal.valueOf(quantity)));
    s.request(
        App.SHOP,
        "POST /cart/items",
        200,
        List.of(
            s.span(
                "cart.add",
                SHOP + "cart.CartService.addItem",
                AgentKeys.of("session", browser.session()),
                Map.of(
                    "product.sku", product.sku(),
                    "product.quantity", (long) quantity,
                    "cart.total", money(browser.cartTotal())),
                null)));
  }

  /**
   * Places the order of the logged-in customer's cart, or, above the card limit, fails with the
   * decline: {@code order.placed} as an error with the session alone, and inside it {@code
   * payment.declined} with the customer number; the cart is kept.
   *
   * @return the order id, or null when the payment was declined
   */
  String checkout(Sitting s, Browser browser) {
    Person customer = browser.loggedIn();
    BigDecimal total = browser.cartTotal();
    if (total.compareTo(CARD_LIMIT) > 0) {
      String message =
          "payment of " + total.toPlainString() + " declined: over the card limit of 500.00";
      GeneratedSpan.Failure failure =
          new GeneratedSpan.Failure(
              DECLINED, message, DECLINED + ": " + message + "\n" + DECLINE_FRAMES);
      GeneratedSpan order =
          s.span(
              "order.placed",
              SHOP + "checkout.CheckoutService.placeOrder",
              AgentKeys.of("session", browser.session()),
              Map.of(),
              failure);
      // The charge runs inside placeOrder: its span starts after the order's and ends before it.
      long chargeStart = order.startNanos() + (order.endNanos() - order.startNanos()) / 3;
      GeneratedSpan declined =
          new GeneratedSpan(
              "payment.declined",
              SHOP + "payment.CardLimitGateway.charge",
              chargeStart,
              chargeStart + (order.endNanos() - order.startNanos()) / 3,
              AgentKeys.of("customer_id", customer.customerNumber()).values(),
              Map.of(
                  "payment.amount",
                  money(total),
                  "payment.decline_reason",
                  "over the card limit of 500.00"),
              failure,
              true);
      s.request(App.SHOP, "POST /checkout", 402, List.of(order, declined));
      return null;
    }
    String orderId = "O-" + ++orders;
    browser.emptyCart();
    s.request(
        App.SHOP,
        "POST /checkout",
        201,
        List.of(
            s.span(
                "order.placed",
                SHOP + "checkout.CheckoutService.placeOrder",
                AgentKeys.of("session", browser.session())
                    .and("customer_id", customer.customerNumber()),
                Map.of("order.id", orderId, "order.total", money(total)),
                null)));
    return orderId;
  }

  void orderHistory(Sitting s, Person customer) {
    s.request(
        App.SHOP,
        "GET /orders",
        200,
        List.of(
            s.span(
                "orders.viewed",
                SHOP + "order.OrderHistoryService.ordersOf",
                AgentKeys.of("customer_id", customer.customerNumber()),
                Map.of(),
                null)));
  }

  /** Both addresses are keys of the one span: the old one other systems still use, and the new. */
  void changeEmail(Sitting s, Person customer, String oldEmail, String newEmail) {
    s.request(
        App.SHOP,
        "POST /account/email",
        200,
        List.of(
            s.span(
                "email.changed",
                SHOP + "account.AccountService.changeEmail",
                AgentKeys.of("customer_id", customer.customerNumber())
                    .and("email", oldEmail, newEmail),
                Map.of(),
                null)));
  }

  void logout(Sitting s, Browser browser) {
    browser.logOut();
    s.request(App.SHOP, "POST /logout", 200, List.of());
  }

  /** A BigDecimal amount as the agent types it: a double attribute. */
  private static Double money(BigDecimal amount) {
    return amount.doubleValue();
  }
}
