package com.acme.shop;

/**
 * The request being served on this thread: its id ({@code X-Request-Id}, set by whoever called the
 * shop), for the access log. Services hold this one object and ask it, as they would a
 * request-scoped bean.
 */
public final class RequestContext {

  private final ThreadLocal<String> requestId = new ThreadLocal<>();

  /** The current request's id, or null outside a request or when the caller sent none. */
  public String getRequestId() {
    return requestId.get();
  }

  public void enter(String id) {
    requestId.set(id);
  }

  public void leave() {
    requestId.remove();
  }
}
