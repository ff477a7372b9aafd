package io.touchline.bench.journeys;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The web shop's products (demo-apps/web-shop/src/main/resources/products.csv), with the prices its
 * agent captures as {@code product.price} and sums into {@code cart.total}.
 */
final class Catalog {

  /** A product page's sku and price. */
  record Product(String sku, BigDecimal price) {}

  /** Rain jacket, 129.00: four of them are over the card limit, as the simulator buys them. */
  static final Product RAIN_JACKET = new Product("SKU-101", new BigDecimal("129.00"));

  static final List<Product> PRODUCTS =
      List.of(
          new Product("SKU-100", new BigDecimal("89.90")),
          RAIN_JACKET,
          new Product("SKU-102", new BigDecimal("24.50")),
          new Product("SKU-103", new BigDecimal("14.90")),
          new Product("SKU-104", new BigDecimal("39.95")),
          new Product("SKU-105", new BigDecimal("74.00")),
          new Product("SKU-106", new BigDecimal("19.90")),
          new Product("SKU-107", new BigDecimal("18.00")),
          new Product("SKU-108", new BigDecimal("59.00")),
          new Product("SKU-109", new BigDecimal("49.50")),
          new Product("SKU-110", new BigDecimal("22.00")),
          new Product("SKU-111", new BigDecimal("99.00")));

  private Catalog() {}

  static Product any(SplittableRandom random) {
    return PRODUCTS.get(random.nextInt(PRODUCTS.size()));
  }
}
