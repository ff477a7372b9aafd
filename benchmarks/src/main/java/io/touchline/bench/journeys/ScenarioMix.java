package io.touchline.bench.journeys;

import com.acme.simulator.journey.Scenario;

/**
 * Which scenario a customer's next journey is: the simulator's mix (demo-apps/simulator's {@code
 * Journeys}), drawn again for every journey, where only what a customer can do is drawn: a
 * household's call takes a household, a re-order from the app takes the app, an e-mail changes
 * once, a kiosk takes two people.
 */
final class ScenarioMix {

  private final int customers;

  ScenarioMix(int customers) {
    this.customers = customers;
  }

  Scenario next(Customer customer) {
    if (customer.person.inHousehold() && customer.random.nextDouble() < 0.5) {
      return Scenario.HOUSEHOLD_CALL;
    }
    double draw = customer.random.nextDouble();
    if (draw < 0.25) {
      return Scenario.HAPPY_PURCHASE;
    } else if (draw < 0.40) {
      return Scenario.CART_REMINDER;
    } else if (draw < 0.52) {
      return Scenario.DECLINED_THEN_CALL;
    } else if (draw < 0.64) {
      return customer.person.hasDevice() ? Scenario.PUSH_REORDER : Scenario.HAPPY_PURCHASE;
    } else if (draw < 0.74) {
      return Scenario.ANONYMOUS_BROWSING;
    } else if (draw < 0.79) {
      return customers > 1 ? Scenario.KIOSK : Scenario.HAPPY_PURCHASE;
    } else if (draw < 0.87) {
      return customer.emailChanged ? Scenario.HAPPY_PURCHASE : Scenario.EMAIL_CHANGE;
    } else {
      return Scenario.NEVER_CONVERTS;
    }
  }
}
