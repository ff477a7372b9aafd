package com.acme.shop.catalog;

import java.math.BigDecimal;

public record Product(String sku, String name, BigDecimal price) {}
