package com.acme.shop.web;

import com.acme.shop.auth.AuthService;
import com.acme.shop.auth.LoginFailedException;
import com.acme.shop.cart.Cart;
import com.acme.shop.cart.CartService;
import com.acme.shop.catalog.ProductRepository;
import com.acme.shop.checkout.CheckoutException;
import com.acme.shop.checkout.CheckoutService;
import com.acme.shop.payment.PaymentDeclinedException;
import com.acme.shop.customer.Customer;
import com.acme.shop.order.Order;
import com.acme.shop.order.OrderRepository;
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

  private final SessionRepository sessions;
  private final ProductRepository products;
  private final AuthService auth;
  private final CartService carts;
  private final CheckoutService checkout;
  private final OrderRepository orders;

  public ShopController(
      SessionRepository sessions,
      ProductRepository products,
      AuthService auth,
      CartService carts,
      CheckoutService checkout,
      OrderRepository orders) {
    this.sessions = sessions;
    this.products = products;
    this.auth = auth;
    this.carts = carts;
    this.checkout = checkout;
    this.orders = orders;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
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
    }
  }

  /** Every visitor gets a session cookie on the first request: anonymous browsing is tracked too. */
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
    } else if (path.equals("/products")) {
      expect(method, "GET");
      request.json(200, products.findAll());
    } else if (path.startsWith("/products/")) {
      expect(method, "GET");
      String sku = path.substring("/products/".length());
      request.json(200, products.findBySku(sku).orElseThrow(() -> new NoSuchElementException("unknown product " + sku)));
    } else if (path.equals("/login")) {
      expect(method, "POST");
      login(request, session);
    } else if (path.equals("/cart/items")) {
      expect(method, "POST");
      String sku = request.parameter("sku").orElseThrow(() -> new IllegalArgumentException("sku is required"));
      int quantity = quantity(request);
      request.json(200, cartView(carts.addItem(session.getId(), sku, quantity)));
    } else if (path.equals("/cart")) {
      expect(method, "GET");
      request.json(200, cartView(carts.getCart(session.getId())));
    } else if (path.equals("/checkout")) {
      expect(method, "POST");
      placeOrder(request, session);
    } else if (path.equals("/orders")) {
      expect(method, "GET");
      if (!session.isLoggedIn()) {
        request.error(401, "log in to see your orders");
        return;
      }
      request.json(200, orders.findByCustomer(session.getCustomerNumber()).stream().map(ShopController::orderView).toList());
    } else {
      throw new NoSuchElementException("no such page " + path);
    }
  }

  private void login(WebRequest request, ShopSession session) throws IOException {
    String email = request.parameter("email").orElseThrow(() -> new IllegalArgumentException("email is required"));
    try {
      Customer customer = auth.login(email, session.getId());
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

  private void placeOrder(WebRequest request, ShopSession session) throws IOException {
    try {
      request.json(201, orderView(checkout.placeOrder(session.getId())));
    } catch (CheckoutException e) {
      request.error(e.getReason() == CheckoutException.Reason.NOT_LOGGED_IN ? 401 : 409, e.getMessage());
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
