package com.acme.shop.catalog;

import com.acme.shop.CsvResource;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog, loaded once from {@code products.csv}. */
public class ProductRepository {

  private final Map<String, Product> bySku = new LinkedHashMap<>();

  public ProductRepository() {
    for (String[] row : CsvResource.rows("/products.csv")) {
      bySku.put(row[0], new Product(row[0], row[1], new BigDecimal(row[2])));
    }
  }

  public List<Product> findAll() {
    return List.copyOf(bySku.values());
  }

  public Optional<Product> findBySku(String sku) {
    return Optional.ofNullable(bySku.get(sku));
  }
}
