package com.acme.simulator;

/** What one simulated customer does in the shop. */
enum Scenario {
  /** Browses anonymously, logs in, adds one to three products, checks out. */
  PURCHASE,
  /** Browses, logs in, adds to the cart and leaves without buying. */
  ABANDONED_CART,
  /** Logs in, fills the cart above the card limit, is declined at checkout and leaves. */
  DECLINED_PAYMENT,
  /** Browses anonymously and never logs in. */
  BROWSE_ONLY
}
