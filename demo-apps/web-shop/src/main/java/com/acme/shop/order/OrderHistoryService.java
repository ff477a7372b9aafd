package com.acme.shop.order;

import com.acme.shop.RequestContext;
import java.util.List;

/** A customer's past orders, as the account page lists them. */
public class OrderHistoryService {

  private final OrderRepository orders;
  private final RequestContext requests;

  public OrderHistoryService(OrderRepository orders, RequestContext requests) {
    this.orders = orders;
    this.requests = requests;
  }

  public List<Order> ordersOf(String customerNumber) {
    return orders.findByCustomer(customerNumber);
  }
}
