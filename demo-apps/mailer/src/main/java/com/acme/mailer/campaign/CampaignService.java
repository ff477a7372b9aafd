package com.acme.mailer.campaign;

import com.acme.mailer.tracking.TrackingTokens;
import com.acme.web.RequestContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Sends campaign mails. Marketing automation names the recipient by customer number, and may pass
 * the address it holds; the mailer trusts that address, as such systems do.
 */
public class CampaignService {

  private static final Pattern CAMPAIGN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** The subject lines of the campaigns the mailer has templates for. */
  private static final Map<String, String> SUBJECTS =
      Map.of(
          "cart-reminder", "You left something in your cart",
          "newsletter", "This month at Acme");

  private final Map<String, Message> byToken = new ConcurrentHashMap<>();
  private final List<Message> sent = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong(900_000);
  private final RecipientRepository recipients;
  private final TrackingTokens tokens;
  private final Clock clock;
  private final RequestContext requests;

  public CampaignService(
      RecipientRepository recipients, TrackingTokens tokens, RequestContext requests) {
    this(recipients, tokens, Clock.systemUTC(), requests);
  }

  /** Dates sent mails on {@code clock}. */
  public CampaignService(
      RecipientRepository recipients, TrackingTokens tokens, Clock clock, RequestContext requests) {
    this.recipients = recipients;
    this.tokens = tokens;
    this.clock = clock;
    this.requests = requests;
  }

  /**
   * Sends one mail of {@code campaign} to the customer, at {@code email} when the caller names one,
   * else at the address on the mailing list (which may be out of date).
   */
  public Message send(String campaign, String customerNumber, String email) {
    // A malformed campaign is the caller's mistake whoever the recipient is: check it first.
    if (!CAMPAIGN.matcher(campaign).matches()) {
      throw new IllegalArgumentException(
          "campaign must be lowercase letters, digits and dashes, was '" + campaign + "'");
    }
    if (email == null) {
      email =
          recipients
              .emailOf(customerNumber)
              .orElseThrow(() -> new NoSuchElementException("no recipient " + customerNumber));
    }
    if (!email.contains("@")) {
      throw new IllegalArgumentException("email must be an e-mail address, was '" + email + "'");
    }
    String messageId = "MSG-" + sequence.incrementAndGet();
    Message message =
        new Message(
            messageId,
            campaign,
            customerNumber,
            email.trim(),
            tokens.tokenFor(messageId),
            SUBJECTS.get(campaign),
            clock.instant());
    byToken.put(message.token(), message);
    sent.add(message);
    return message;
  }

  /**
   * Every mail sent to {@code email} (compared without case or surrounding spaces), newest first;
   * none for an address the mailer never wrote to.
   */
  public List<Message> sentTo(String email) {
    String address = email.trim();
    List<Message> messages = new ArrayList<>();
    for (Message message : sent) {
      if (message.email().equalsIgnoreCase(address)) {
        messages.add(0, message); // sent is in sending order: the later, the nearer the front
      }
    }
    messages.sort(Comparator.comparing(Message::sentAt).reversed());
    return messages;
  }

  public Optional<Message> byToken(String token) {
    return Optional.ofNullable(byToken.get(token));
  }
}
