package com.acme.shop.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A placed order. */
public class Order {

  private final String id;
  private final String customerNumber;
  private final List<OrderLine> lines;
  private final BigDecimal total;
  private final Instant placedAt;

  public Order(
      String id, String customerNumber, List<OrderLine> lines, BigDecimal total, Instant placedAt) {
    this.id = id;
    this.customerNumber = customerNumber;
    this.lines = List.copyOf(lines);
    this.total = total;
    this.placedAt = placedAt;
  }

  public String getId() {
    return id;
  }

  public String getCustomerNumber() {
    return customerNumber;
  }

  public List<OrderLine> getLines() {
    return lines;
  }

  public BigDecimal getTotal() {
    return total;
  }

  public Instant getPlacedAt() {
    return placedAt;
  }
}
