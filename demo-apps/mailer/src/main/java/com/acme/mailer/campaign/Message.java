package com.acme.mailer.campaign;

import java.time.Instant;

/**
 * One campaign e-mail sent to one recipient, with the token that tracks its opens and clicks, its
 * subject (null for a campaign the mailer has none for) and when it was sent.
 */
public record Message(
    String messageId,
    String campaign,
    String customerNumber,
    String email,
    String token,
    String subject,
    Instant sentAt) {}
