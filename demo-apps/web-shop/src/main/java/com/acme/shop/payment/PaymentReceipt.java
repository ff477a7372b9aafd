package com.acme.shop.payment;

import java.math.BigDecimal;

/** Proof of one successful charge. */
public record PaymentReceipt(String paymentId, String customerNumber, BigDecimal amount) {}
