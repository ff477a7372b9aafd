package com.acme.shop.payment;

import java.math.BigDecimal;

/** Takes a customer's money for an order, or says why not. */
public interface PaymentGateway {

  /**
   * Charges the customer's card on file.
   *
   * @throws PaymentDeclinedException when the card issuer refuses the charge
   */
  PaymentReceipt charge(String customerNumber, BigDecimal amount);
}
