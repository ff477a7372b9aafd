package com.acme.simulator.journey;

/** What a customer does across the channels; each is a known shape of real journeys. */
public enum Scenario {
  HAPPY_PURCHASE("happy-purchase"),
  CART_REMINDER("cart-reminder"),
  DECLINED_THEN_CALL("declined-then-call"),
  PUSH_REORDER("push-reorder"),
  ANONYMOUS_BROWSING("anonymous-browsing"),
  HOUSEHOLD_CALL("household-call"),
  KIOSK("kiosk"),
  EMAIL_CHANGE("email-change"),
  NEVER_CONVERTS("never-converts");

  private final String label;

  Scenario(String label) {
    this.label = label;
  }

  /** As the truth file and the summary name it. */
  public String label() {
    return label;
  }
}
