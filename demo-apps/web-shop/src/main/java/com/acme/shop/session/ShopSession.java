package com.acme.shop.session;

import com.acme.shop.cart.Cart;
import java.util.concurrent.atomic.AtomicInteger;

/** One browser's visit: anonymous until a login binds it to a customer. */
public class ShopSession {

  private final String id;
  private final Cart cart = new Cart();
  private volatile String customerNumber;
  private final AtomicInteger views = new AtomicInteger();

  public ShopSession(String id) {
    this.id = id;
  }

  public String getId() {
    return id;
  }

  public Cart getCart() {
    return cart;
  }

  public String getCustomerNumber() {
    return customerNumber;
  }

  public void bindCustomer(String customerNumber) {
    this.customerNumber = customerNumber;
  }

  /** Logs the customer out; the browser keeps its session (and cart). */
  public void unbindCustomer() {
    this.customerNumber = null;
  }

  public void countView() {
    views.incrementAndGet();
  }

  public int getViews() {
    return views.get();
  }

  public boolean isLoggedIn() {
    return customerNumber != null;
  }
}
