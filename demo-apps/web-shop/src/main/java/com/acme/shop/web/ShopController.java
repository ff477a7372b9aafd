package com.acme.shop.web;

import com.acme.shop.RequestContext;
import com.acme.shop.account.AccountService;
import com.acme.shop.account.EmailChange;
import com.acme.shop.account.EmailTakenException;
import com.acme.shop.auth.AuthService;
import com.acme.shop.auth.LoginFailedException;
import com.acme.shop.cart.Cart;
import com.acme.shop.cart.CartService;
import com.acme.shop.catalog.CatalogService;
import com.acme.shop.catalog.ProductRepository;
import com.acme.shop.checkout.CheckoutException;
import com.acme.shop.checkout.CheckoutService;
import com.acme.shop.customer.Customer;
import com.acme.shop.order.Order;
import com.acme.shop.order.OrderHistoryService;
import com.acme.shop.payment.PaymentDeclinedException;
import com.acme.shop.session.SessionRepository;
import com.acme.shop.session.ShopSession;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The shop's HTTP endpoints; each one delegates to a service. */
public class ShopController implements HttpHandler {

  /** The shop's services, as the controller calls them. */
  public record Services(
      CatalogService catalog,
      AuthService auth,
      CartService carts,
      CheckoutService checkout,
      OrderHistoryService history,
      AccountService accounts) {}

  private final SessionRepository sessions;
  private final ProductRepository products;
  private final Services services;
  private final RequestContext requests;

  public ShopController(
      SessionRepository sessions,
      ProductRepository products,
      Services services,
      RequestContext requests) {
    this.sessions = sessions;
    this.products = products;
    this.services = services;
    this.requests = requests;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
    requests.enter(requestId);
    try (exchange) {
      WebRequest request = new WebRequest(exchange);
      try {
        ShopSession session = session(request);
        route(request, session);
      } catch (MethodNotAllowed e) {
        request.error(405, e.getMessage());
      } catch (IllegalArgumentException e) {
        request.error(400, e.getMessage());
      } catch (NoSuchElementException e) {
        request.error(404, e.getMessage());
      } catch (RuntimeException e) {
        request.error(500, "internal error");
      }
    } finally {
      requests.leave();
      System.out.printf(
          "%s %s %d %dms request=%s%n",
          exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(),
          exchange.getResponseCode(),
          (System.nanoTime() - start) / 1_000_000,
          requestId == null ? "-" : requestId);
    }
  }

  /**
   * Every visitor gets a session cookie on the first request: anonymous browsing is tracked too.
   */
  private ShopSession session(WebRequest request) {
    return request
        .sessionCookie()
        .flatMap(sessions::find)
        .orElseGet(
            () -> {
              ShopSession created = sessions.create();
              request.setSessionCookie(created.getId());
              return created;
            });
  }

  private void route(WebRequest request, ShopSession session) throws IOException {
    String path = request.path();
    String method = request.method();
    if (path.equals("/health")) {
      expect(method, "GET");
      request.json(200, Map.of("status", "ok"));
    } else if (path.equals("/")) {
      // The home page, where campaign links land (utm_* parameters are for the analytics tag).
      expect(method, "GET");
      request.json(200, Map.of("featured", products.findAll()));
    } else if (path.equals("/products")) {
      expect(method, "GET");
      request.json(200, products.findAll());
    } else if (path.startsWith("/products/")) {
      expect(method, "GET");
      request.json(
          200,
          services.catalog().viewProduct(session.getId(), path.substring("/products/".length())));
    } else if (path.equals("/login")) {
      expect(method, "POST");
      login(request, session);
    } else if (path.equals("/cart/items")) {
      expect(method, "POST");
      String sku =
          request
              .parameter("sku")
              .orElseThrow(() -> new IllegalArgumentException("sku is required"));
      int quantity = quantity(request);
      request.json(200, cartView(services.carts().addItem(session.getId(), sku, quantity)));
    } else if (path.equals("/cart")) {
      expect(method, "GET");
      request.json(200, cartView(services.carts().getCart(session.getId())));
    } else if (path.equals("/checkout")) {
      expect(method, "POST");
      placeOrder(request, session);
    } else if (path.equals("/orders")) {
      expect(method, "GET");
      if (!session.isLoggedIn()) {
        request.error(401, "log in to see your orders");
        return;
      }
      request.json(
          200,
          services.history().ordersOf(session.getCustomerNumber()).stream()
              .map(ShopController::orderView)
              .toList());
    } else if (path.equals("/account/email")) {
      expect(method, "POST");
      changeEmail(request, session);
    } else if (path.equals("/logout")) {
      expect(method, "POST");
      services.auth().logout(session.getId());
      request.json(200, Map.of("status", "logged out"));
    } else {
      throw new NoSuchElementException("no such page " + path);
    }
  }

  private void login(WebRequest request, ShopSession session) throws IOException {
    String email =
        request
            .parameter("email")
            .orElseThrow(() -> new IllegalArgumentException("email is required"));
    try {
      Customer customer = services.auth().login(email, session.getId());
      request.json(
          200,
          Map.of(
              "customerNumber", customer.getCustomerNumber(),
              "name", customer.getName(),
              "email", customer.getEmail(),
              "tier", customer.getTier()));
    } catch (LoginFailedException e) {
      request.error(401, e.getMessage());
    }
  }

  private void changeEmail(WebRequest request, ShopSession session) throws IOException {
    String email =
        request
            .parameter("email")
            .orElseThrow(() -> new IllegalArgumentException("email is required"));
    if (!email.contains("@")) {
      throw new IllegalArgumentException("email must be an e-mail address, was '" + email + "'");
    }
    if (!session.isLoggedIn()) {
      request.error(401, "log in to change your e-mail address");
      return;
    }
    try {
      EmailChange change = services.accounts().changeEmail(session.getCustomerNumber(), email);
      request.json(
          200, Map.of("customerNumber", change.getCustomerNumber(), "email", change.getNewEmail()));
    } catch (EmailTakenException e) {
      request.error(409, e.getMessage());
    }
  }

  private void placeOrder(WebRequest request, ShopSession session) throws IOException {
    try {
      request.json(201, orderView(services.checkout().placeOrder(session.getId())));
    } catch (CheckoutException e) {
      request.error(
          e.getReason() == CheckoutException.Reason.NOT_LOGGED_IN ? 401 : 409, e.getMessage());
    } catch (PaymentDeclinedException e) {
      request.error(402, e.getMessage());
    }
  }

  private static int quantity(WebRequest request) throws IOException {
    String raw = request.parameter("quantity").orElse("1");
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("quantity must be a whole number, was '" + raw + "'");
    }
  }

  private static void expect(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new MethodNotAllowed(allowed);
    }
  }

  private static Map<String, Object> cartView(Cart cart) {
    List<Map<String, Object>> lines =
        cart.getLines().stream()
            .map(
                line -> {
                  Map<String, Object> view = new LinkedHashMap<>();
                  view.put("sku", line.product().sku());
                  view.put("name", line.product().name());
                  view.put("quantity", line.quantity());
                  view.put("price", line.product().price());
                  return view;
                })
            .toList();
    return Map.of("lines", lines, "total", cart.getTotal());
  }

  private static Map<String, Object> orderView(Order order) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("orderId", order.getId());
    view.put("customerNumber", order.getCustomerNumber());
    view.put("total", order.getTotal());
    view.put("lines", order.getLines());
    view.put("placedAt", order.getPlacedAt().toString());
    return view;
  }

  /** Answered with 405. */
  static final class MethodNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MethodNotAllowed(String allowed) {
      super("method not allowed; use " + allowed);
    }
  }
}
