package com.acme.shop.session;

import com.acme.shop.cart.Cart;

/** One browser's visit: anonymous until a login binds it to a customer. */
public class ShopSession {

  private final String id;
  private final Cart cart = new Cart();
  private volatile String customerNumber;

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

  public boolean isLoggedIn() {
    return customerNumber != null;
  }
}
