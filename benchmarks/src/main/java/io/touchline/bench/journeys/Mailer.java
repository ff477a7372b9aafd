package io.touchline.bench.journeys;

import com.acme.simulator.journey.App;
import com.acme.simulator.population.Person;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The mailer and its agent (config/agent-mailer.yaml): one campaign mail per recipient, whose opens
 * and clicks come back as an opaque token the mailer resolves to the message it sent, with the
 * spans that config captures.
 */
final class Mailer {

  private static final String MAILER = "com.acme.mailer.";

  private final long seed;
  private long messages = 900_000;

  Mailer(long seed) {
    this.seed = seed;
  }

  /** A mail sent: its id, campaign, recipient and the address it went to, and its token. */
  record Message(String id, String campaign, String customerNumber, String email, String token) {}

  /**
   * Sends to {@code email}: the address on the mailer's list, which a shop e-mail change misses.
   */
  Message send(Sitting s, Person recipient, String campaign, String email) {
    String id = "MSG-" + ++messages;
    Message message = new Message(id, campaign, recipient.customerNumber(), email, token(id));
    s.request(
        App.MAILER,
        "POST /campaigns/" + campaign + "/send",
        201,
        List.of(
            s.span(
                "email.sent",
                MAILER + "campaign.CampaignService.send",
                AgentKeys.of("customer_id", recipient.customerNumber()).and("email", email),
                Map.of("email.campaign", campaign, "email.message_id", id),
                null)));
    return message;
  }

  void open(Sitting s, Message message) {
    s.request(
        App.MAILER,
        "GET /t/o/" + message.token(),
        200,
        List.of(tracked(s, "email.opened", "recordOpen", message)));
  }

  void click(Sitting s, Message message) {
    s.request(
        App.MAILER,
        "GET /t/c/" + message.token(),
        302,
        List.of(tracked(s, "email.clicked", "recordClick", message)));
  }

  private static GeneratedSpan tracked(Sitting s, String name, String method, Message message) {
    return s.span(
        name,
        MAILER + "tracking.TrackingService." + method,
        AgentKeys.of("customer_id", message.customerNumber()).and("email", message.email()),
        Map.of("email.campaign", message.campaign(), "email.message_id", message.id()),
        null);
  }

  /** Opaque and 22 characters like the mailer's (an HMAC there; any unguessable id will do). */
  private String token(String messageId) {
    long a = Ids.mix(seed ^ messageId.hashCode());
    long b = Ids.mix(a ^ messages);
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (a >>> (8 * i));
      bytes[8 + i] = (byte) (b >>> (8 * i));
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
