package com.acme.shop.checkout;

import com.acme.shop.RequestContext;
import com.acme.shop.cart.Cart;
import com.acme.shop.cart.CartLine;
import com.acme.shop.order.Order;
import com.acme.shop.order.OrderLine;
import com.acme.shop.order.OrderRepository;
import com.acme.shop.payment.PaymentGateway;
import com.acme.shop.session.SessionRepository;
import com.acme.shop.session.ShopSession;
import java.time.Clock;
import java.util.List;

/**
 * Turns a logged-in session's cart into an order once the payment went through. A declined payment
 * ({@link com.acme.shop.payment.PaymentDeclinedException}) places nothing and keeps the cart.
 */
public class CheckoutService {

  private final SessionRepository sessions;
  private final OrderRepository orders;
  private final PaymentGateway payments;
  private final Clock clock;
  private final RequestContext requests;

  public CheckoutService(
      SessionRepository sessions,
      OrderRepository orders,
      PaymentGateway payments,
      Clock clock,
      RequestContext requests) {
    this.requests = requests;
    this.sessions = sessions;
    this.orders = orders;
    this.payments = payments;
    this.clock = clock;
  }

  public Order placeOrder(String sessionId) {
    ShopSession session = sessions.require(sessionId);
    if (!session.isLoggedIn()) {
      throw new CheckoutException(CheckoutException.Reason.NOT_LOGGED_IN, "log in to check out");
    }
    Cart cart = session.getCart();
    synchronized (cart) {
      if (cart.isEmpty()) {
        throw new CheckoutException(CheckoutException.Reason.EMPTY_CART, "cart is empty");
      }
      List<OrderLine> lines = cart.getLines().stream().map(CheckoutService::toOrderLine).toList();
      payments.charge(session.getCustomerNumber(), cart.getTotal());
      Order order =
          new Order(
              orders.nextId(),
              session.getCustomerNumber(),
              lines,
              cart.getTotal(),
              clock.instant());
      orders.save(order);
      cart.clear();
      return order;
    }
  }

  private static OrderLine toOrderLine(CartLine line) {
    return new OrderLine(
        line.product().sku(), line.product().name(), line.quantity(), line.product().price());
  }
}
