package com.acme.simulator.journey;

import java.net.CookieManager;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What one customer's journey carries from one request to the next: the browser they use (its
 * cookie jar is their shop session) and the ids the apps answered (a call, a ticket, an order).
 */
public final class Memory {

  private final Map<String, String> values = new HashMap<>();
  private CookieManager cookies = new CookieManager();

  /**
   * The cookie jar of the browser in use (its shop session); a journey switches browsers with
   * {@link #useNewBrowser()}. One jar per browser, one HTTP client for all: a client per customer
   * would keep a selector thread and buffers per customer.
   */
  public CookieManager cookies() {
    return cookies;
  }

  /** Another device or a cleared cookie jar: the shop sees a new session. */
  public void useNewBrowser() {
    cookies = new CookieManager();
  }

  public void put(String name, String value) {
    values.put(name, value);
  }

  public String get(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new NoSuchElementException("an earlier step did not give " + name);
    }
    return value;
  }
}
