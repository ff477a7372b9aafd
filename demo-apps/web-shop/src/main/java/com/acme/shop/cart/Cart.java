package com.acme.shop.cart;

import com.acme.shop.catalog.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A session's shopping cart; one line per product. */
public class Cart {

  private final Map<String, CartLine> lines = new LinkedHashMap<>();

  public synchronized void add(Product product, int quantity) {
    CartLine existing = lines.get(product.sku());
    int total = existing == null ? quantity : existing.quantity() + quantity;
    lines.put(product.sku(), new CartLine(product, total));
  }

  public synchronized List<CartLine> getLines() {
    return new ArrayList<>(lines.values());
  }

  public synchronized BigDecimal getTotal() {
    return lines.values().stream().map(CartLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public synchronized boolean isEmpty() {
    return lines.isEmpty();
  }

  public synchronized void clear() {
    lines.clear();
  }
}
