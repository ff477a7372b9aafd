package com.acme.shop.order;

import java.math.BigDecimal;

public record OrderLine(String sku, String name, int quantity, BigDecimal price) {}
