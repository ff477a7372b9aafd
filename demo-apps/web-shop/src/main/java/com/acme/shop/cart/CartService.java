package com.acme.shop.cart;

import com.acme.shop.RequestContext;
import com.acme.shop.catalog.Product;
import com.acme.shop.catalog.ProductRepository;
import com.acme.shop.session.SessionRepository;
import java.util.NoSuchElementException;

public class CartService {

  static final int MAX_QUANTITY = 99;

  private final SessionRepository sessions;
  private final ProductRepository products;
  private final RequestContext requests;

  public CartService(
      SessionRepository sessions, ProductRepository products, RequestContext requests) {
    this.sessions = sessions;
    this.products = products;
    this.requests = requests;
  }

  public Cart addItem(String sessionId, String sku, int quantity) {
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      throw new IllegalArgumentException("quantity must be between 1 and " + MAX_QUANTITY);
    }
    Product product =
        products
            .findBySku(sku)
            .orElseThrow(() -> new NoSuchElementException("unknown product " + sku));
    Cart cart = sessions.require(sessionId).getCart();
    cart.add(product, quantity);
    return cart;
  }

  public Cart getCart(String sessionId) {
    return sessions.require(sessionId).getCart();
  }
}
