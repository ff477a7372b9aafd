package com.acme.mailer.campaign;

import com.acme.mailer.tracking.TrackingTokens;
import com.acme.web.RequestContext;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Sends campaign mails. Marketing automation names the recipient by customer number, and may pass
 * the address it holds; the mailer trusts that address, as such systems do.
 */
public class CampaignService {

  private static final Pattern CAMPAIGN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final Map<String, Message> byToken = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong(900_000);
  private final RecipientRepository recipients;
  private final TrackingTokens tokens;
  private final RequestContext requests;

  public CampaignService(
      RecipientRepository recipients, TrackingTokens tokens, RequestContext requests) {
    this.recipients = recipients;
    this.tokens = tokens;
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
        new Message(messageId, campaign, customerNumber, email.trim(), tokens.tokenFor(messageId));
    byToken.put(message.token(), message);
    return message;
  }

  public Optional<Message> byToken(String token) {
    return Optional.ofNullable(byToken.get(token));
  }
}
