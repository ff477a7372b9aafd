package io.touchline.bench.journeys;

import com.acme.simulator.population.Person;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One web browser and what the shop keeps for its {@code SHOPSESSION} cookie: the session id, who
 * is logged in on it, and its cart. A customer's own browser keeps its cookie from visit to visit;
 * a kiosk's is shared by everyone who uses it.
 */
final class Browser {

  private final String session;
  private final long createdMillis;
  private Person loggedIn;
  private BigDecimal cartTotal = BigDecimal.ZERO;

  private Browser(String session, long createdMillis) {
    this.session = session;
    this.createdMillis = createdMillis;
  }

  /** A browser the shop has not seen: a new session id, random as the shop's (a v4 UUID). */
  static Browser fresh(SplittableRandom random, long nowMillis) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new Browser(new UUID(high, low).toString(), nowMillis);
  }

  String session() {
    return session;
  }

  long createdMillis() {
    return createdMillis;
  }

  Person loggedIn() {
    return loggedIn;
  }

  void logIn(Person person) {
    loggedIn = person;
  }

  /** The cookie stays: the session forgets its customer, as the shop's logout does. */
  void logOut() {
    loggedIn = null;
  }

  BigDecimal cartTotal() {
    return cartTotal;
  }

  void addToCart(BigDecimal amount) {
    cartTotal = cartTotal.add(amount);
  }

  void emptyCart() {
    cartTotal = BigDecimal.ZERO;
  }
}
