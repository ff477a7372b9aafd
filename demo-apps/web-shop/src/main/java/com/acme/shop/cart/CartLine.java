package com.acme.shop.cart;

import com.acme.shop.catalog.Product;
import java.math.BigDecimal;

public record CartLine(Product product, int quantity) {

  public BigDecimal subtotal() {
    return product.price().multiply(BigDecimal.valueOf(quantity));
  }
}
