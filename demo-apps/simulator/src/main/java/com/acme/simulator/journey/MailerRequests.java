package com.acme.simulator.journey;

import com.acme.simulator.population.Person;
import java.util.List;

/**
 * The mailer's requests: marketing automation sending a campaign mail, then the recipient's mail
 * client loading the pixel and their browser following the link.
 */
final class MailerRequests {

  private MailerRequests() {}

  /** Sends to the address on the mailer's list (the customer number is all automation passes). */
  static Action send(Person recipient, String campaign) {
    return new Action(
        recipient,
        App.MAILER,
        "POST",
        m -> "/campaigns/" + campaign + "/send",
        m -> Answers.json("customerNumber", recipient.customerNumber()),
        false,
        201,
        List.of("email.sent"),
        (memory, answer) -> {
          memory.put("openUrl", Answers.field(answer.body(), "openUrl"));
          memory.put("clickUrl", Answers.field(answer.body(), "clickUrl"));
        });
  }

  static Action open(Person recipient) {
    return new Action(
        recipient,
        App.MAILER,
        "GET",
        m -> m.get("openUrl"),
        null,
        false,
        200,
        List.of("email.opened"),
        Answers.NOTHING);
  }

  /** Clicks the mail's link; the redirect's target is kept for {@link ShopRequests#landing}. */
  static Action click(Person recipient) {
    return new Action(
        recipient,
        App.MAILER,
        "GET",
        m -> m.get("clickUrl"),
        null,
        false,
        302,
        List.of("email.clicked"),
        (memory, answer) -> memory.put("landing", answer.location()));
  }
}
