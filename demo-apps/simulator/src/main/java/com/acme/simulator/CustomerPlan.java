package com.acme.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Who does what, decided up front from a seed so a run can be repeated exactly. The first
 * customer always buys, so every run has at least one full journey to look at.
 */
record CustomerPlan(String email, Scenario scenario, int products) {

  static List<CustomerPlan> plan(List<String> personas, int customers, long seed) {
    Random random = new Random(seed);
    List<CustomerPlan> plans = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      String email = personas.get(i % personas.size());
      Scenario scenario = i == 0 ? Scenario.PURCHASE : pick(random);
      plans.add(new CustomerPlan(email, scenario, 1 + random.nextInt(3)));
    }
    return plans;
  }

  private static Scenario pick(Random random) {
    int roll = random.nextInt(10);
    if (roll < 5) {
      return Scenario.PURCHASE;
    }
    if (roll < 7) {
      return Scenario.ABANDONED_CART;
    }
    return roll < 8 ? Scenario.DECLINED_PAYMENT : Scenario.BROWSE_ONLY;
  }
}
