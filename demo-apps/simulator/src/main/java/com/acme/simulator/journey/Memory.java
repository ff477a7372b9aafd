package com.acme.simulator.journey;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What one customer's journey carries from one request to the next: the browser they use (its
 * cookie jar is their shop session) and the ids the apps answered (a call, a ticket, an order).
 */
public final class Memory {

  private final Map<String, String> values = new HashMap<>();
  private HttpClient browser = newBrowser();

  /** The browser in use; a journey switches browsers with {@link #useNewBrowser()}. */
  public HttpClient browser() {
    return browser;
  }

  /** Another device or a cleared cookie jar: the shop sees a new session. */
  public void useNewBrowser() {
    browser = newBrowser();
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

  private static HttpClient newBrowser() {
    // Redirects are followed by the journey itself, as its own interaction.
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
  }
}
