package com.acme.shop.session;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Open browser sessions by id. */
public class SessionRepository {

  private final Map<String, ShopSession> sessions = new ConcurrentHashMap<>();

  public ShopSession create() {
    ShopSession session = new ShopSession(UUID.randomUUID().toString());
    sessions.put(session.getId(), session);
    return session;
  }

  public Optional<ShopSession> find(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(sessions.get(id));
  }

  public ShopSession require(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("unknown session"));
  }
}
