package com.acme.shop.catalog;

import com.acme.shop.RequestContext;
import com.acme.shop.session.SessionRepository;
import java.util.NoSuchElementException;

/** Product pages, for anonymous and logged-in visitors alike; the shop counts views per session. */
public class CatalogService {

  private final ProductRepository products;
  private final SessionRepository sessions;
  private final RequestContext requests;

  public CatalogService(
      ProductRepository products, SessionRepository sessions, RequestContext requests) {
    this.products = products;
    this.sessions = sessions;
    this.requests = requests;
  }

  public Product viewProduct(String sessionId, String sku) {
    Product product =
        products
            .findBySku(sku)
            .orElseThrow(() -> new NoSuchElementException("unknown product " + sku));
    sessions.require(sessionId).countView();
    return product;
  }
}
