package com.acme.shop.payment;

import java.math.BigDecimal;

/** The card issuer refused a charge; the order is not placed and the cart is kept. */
public class PaymentDeclinedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;
  private final BigDecimal amount;

  public PaymentDeclinedException(String reason, BigDecimal amount) {
    super("payment of " + amount + " declined: " + reason);
    this.reason = reason;
    this.amount = amount;
  }

  public String getReason() {
    return reason;
  }

  public BigDecimal getAmount() {
    return amount;
  }
}
