package com.acme.shop.order;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

public class OrderRepository {

  private final List<Order> orders = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong(50_000);

  public String nextId() {
    return "O-" + sequence.incrementAndGet();
  }

  public void save(Order order) {
    orders.add(order);
  }

  public List<Order> findByCustomer(String customerNumber) {
    return orders.stream().filter(o -> o.getCustomerNumber().equals(customerNumber)).toList();
  }
}
