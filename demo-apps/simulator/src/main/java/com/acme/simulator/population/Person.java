package com.acme.simulator.population;

/**
 * A real customer of the simulated company, with every identifier any of its systems may know.
 *
 * @param household the id shared with the other member of a two-person household (who shares the
 *     phone), or empty
 * @param device the id of their mobile app install, or empty when they have none
 */
public record Person(
    String customerNumber,
    String name,
    String email,
    String phone,
    String tier,
    String household,
    String device) {

  public boolean hasDevice() {
    return !device.isEmpty();
  }

  public boolean inHousehold() {
    return !household.isEmpty();
  }
}
