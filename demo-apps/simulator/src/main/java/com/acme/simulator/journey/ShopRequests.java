package com.acme.simulator.journey;

import com.acme.simulator.population.Person;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Requests a browser makes to the web shop, each with the touchpoints the shop's agent config gives
 * it.
 */
final class ShopRequests {

  /** Rain jacket, 129.00: four of them are over the card limit of 500.00. */
  static final String DEAR_SKU = "SKU-101";

  private ShopRequests() {}

  static Action home(Person actor) {
    return new Action(
        actor, App.SHOP, "GET", m -> "/", null, false, 200, List.of(), Answers.NOTHING);
  }

  static Action catalog(Person actor) {
    return new Action(
        actor, App.SHOP, "GET", m -> "/products", null, false, 200, List.of(), Answers.NOTHING);
  }

  static Action viewProduct(Person actor, String sku) {
    return new Action(
        actor,
        App.SHOP,
        "GET",
        m -> "/products/" + sku,
        null,
        false,
        200,
        List.of("product.view"),
        Answers.NOTHING);
  }

  static Action login(Person actor, String email) {
    return new Action(
        actor,
        App.SHOP,
        "POST",
        m -> "/login",
        m -> form("email", email),
        true,
        200,
        List.of("login"),
        Answers.NOTHING);
  }

  static Action addToCart(Person actor, String sku, int quantity) {
    return new Action(
        actor,
        App.SHOP,
        "POST",
        m -> "/cart/items",
        m -> form("sku", sku) + "&quantity=" + quantity,
        true,
        200,
        List.of("cart.add"),
        Answers.NOTHING);
  }

  static Action checkout(Person actor) {
    return new Action(
        actor,
        App.SHOP,
        "POST",
        m -> "/checkout",
        m -> "",
        true,
        201,
        List.of("order.placed"),
        Answers.keep("orderId", "orderId"));
  }

  /**
   * A checkout the card issuer declines: the placement fails and the decline is its own touchpoint.
   */
  static Action declinedCheckout(Person actor) {
    return new Action(
        actor,
        App.SHOP,
        "POST",
        m -> "/checkout",
        m -> "",
        true,
        402,
        List.of("order.placed", "payment.declined"),
        Answers.NOTHING);
  }

  static Action orderHistory(Person actor) {
    return new Action(
        actor,
        App.SHOP,
        "GET",
        m -> "/orders",
        null,
        false,
        200,
        List.of("orders.viewed"),
        Answers.NOTHING);
  }

  static Action changeEmail(Person actor, String newEmail) {
    return new Action(
        actor,
        App.SHOP,
        "POST",
        m -> "/account/email",
        m -> form("email", newEmail),
        true,
        200,
        List.of("email.changed"),
        Answers.NOTHING);
  }

  static Action logout(Person actor) {
    return new Action(
        actor, App.SHOP, "POST", m -> "/logout", m -> "", true, 200, List.of(), Answers.NOTHING);
  }

  /** The shop page a tracked mail link redirected to (kept by {@link MailerRequests#click}). */
  static Action landing(Person actor) {
    return new Action(
        actor,
        App.SHOP,
        "GET",
        m -> m.get("landing"),
        null,
        false,
        200,
        List.of(),
        Answers.NOTHING);
  }

  private static String form(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
