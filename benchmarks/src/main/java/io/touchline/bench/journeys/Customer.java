package io.touchline.bench.journeys;

import com.acme.simulator.population.Person;
import java.util.SplittableRandom;

/**
 * One person of the population and what their journeys leave behind for the next: their browser
 * (its session cookie lasts), the e-mail the shop knows them by, the app on their phone, their last
 * order. Each customer draws from a random of their own, so a customer's history does not depend on
 * anyone else's.
 */
final class Customer {

  final Person person;
  final int index;
  final SplittableRandom random;

  /**
   * How often this customer comes back: some every few days, most every week or two, some rarely.
   */
  final double meanDaysBetweenJourneys;

  Browser browser;

  /** The shop's e-mail for them; the mailer's list keeps {@code person.email()} for good. */
  String shopEmail;

  boolean emailChanged;

  /** Whether the app is on their phone and signed in (set when a journey plans the install). */
  boolean appSignedIn;

  /** Their latest web order: what the app offers to order again. */
  String lastOrderId;

  Customer(Person person, int index, SplittableRandom random, Rhythm rhythm) {
    this.person = person;
    this.index = index;
    this.random = random;
    this.meanDaysBetweenJourneys = rhythm.meanDaysBetweenJourneys(random);
    this.shopEmail = person.email();
  }

  String customerNumber() {
    return person.customerNumber();
  }
}
