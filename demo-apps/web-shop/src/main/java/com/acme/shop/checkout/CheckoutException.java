package com.acme.shop.checkout;

/** Why an order cannot be placed: not logged in, or nothing in the cart. */
public class CheckoutException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public enum Reason {
    NOT_LOGGED_IN,
    EMPTY_CART
  }

  private final Reason reason;

  public CheckoutException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason getReason() {
    return reason;
  }
}
