package com.acme.shop.payment;

import com.acme.shop.RequestContext;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's card processor: every card on file has the same limit per charge, and the issuer
 * declines anything above it. Deterministic, so a simulated customer knows how to get declined.
 */
public class CardLimitGateway implements PaymentGateway {

  private final BigDecimal limit;
  private final AtomicLong sequence = new AtomicLong();

  private final RequestContext requests;

  public CardLimitGateway(BigDecimal limit, RequestContext requests) {
    this.limit = limit;
    this.requests = requests;
  }

  @Override
  public PaymentReceipt charge(String customerNumber, BigDecimal amount) {
    if (amount.compareTo(limit) > 0) {
      throw new PaymentDeclinedException("over the card limit of " + limit, amount);
    }
    return new PaymentReceipt(
        "PAY-" + (100000 + sequence.incrementAndGet()), customerNumber, amount);
  }
}
