package com.acme.simulator.journey;

import com.acme.simulator.population.Person;
import java.util.List;

/** Requests the mobile app makes to its backend, with their touchpoints. */
final class MobileRequests {

  private MobileRequests() {}

  static Action register(Person owner, String platform) {
    return new Action(
        owner,
        App.MOBILE,
        "POST",
        m -> "/devices",
        m -> Answers.json("deviceId", owner.device(), "platform", platform),
        false,
        200,
        List.of("device.registered"),
        Answers.NOTHING);
  }

  static Action signIn(Person owner) {
    return new Action(
        owner,
        App.MOBILE,
        "POST",
        m -> "/signin",
        m -> Answers.json("deviceId", owner.device(), "customerNumber", owner.customerNumber()),
        false,
        200,
        List.of("app.signin"),
        Answers.NOTHING);
  }

  static Action pushOpened(Person owner, String notification) {
    return new Action(
        owner,
        App.MOBILE,
        "POST",
        m -> "/push/" + notification + "/opened",
        m -> Answers.json("deviceId", owner.device()),
        false,
        200,
        List.of("push.opened"),
        Answers.NOTHING);
  }

  /**
   * Orders again what the customer ordered on the web (the {@code orderId} an earlier checkout
   * kept).
   */
  static Action reorder(Person owner) {
    return new Action(
        owner,
        App.MOBILE,
        "POST",
        m -> "/orders/reorder",
        m -> Answers.json("deviceId", owner.device(), "orderId", m.get("orderId")),
        false,
        201,
        List.of("order.reordered"),
        Answers.NOTHING);
  }
}
