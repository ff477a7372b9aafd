package io.touchline.collector.config;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whom a request came from, as the token it carried names them, and what that token lets them do.
 * The name is what audits record (an erasure's, for one), so it is never the token itself.
 *
 * @param name the token's name under {@code auth}; {@link #ANONYMOUS} where no token is asked
 * @param scopes what the token lets its holder do
 */
public record Caller(String name, Set<Scope> scopes) {

  /**
   * A request on a port that asks no token (on loopback, no token has a scope served there): it may
   * do whatever that port does. Its name, {@code anonymous}, is kept from tokens.
   */
  public static final Caller ANONYMOUS = new Caller("anonymous", EnumSet.allOf(Scope.class));

  /**
   * A request let through to an endpoint that needs no token (the health check, the UI's files)
   * without its token being read: it may do nothing that needs one.
   */
  public static final Caller UNIDENTIFIED = new Caller("unidentified", Set.of());

  public Caller {
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
  }

  public boolean may(Scope scope) {
    return scopes.contains(scope);
  }

  /** Whether a token named this caller (rather than no token being asked or read). */
  public boolean identified() {
    return this != ANONYMOUS && this != UNIDENTIFIED;
  }
}
