package com.acme.mailer.campaign;

/** One campaign e-mail sent to one recipient, with the token that tracks its opens and clicks. */
public record Message(
    String messageId, String campaign, String customerNumber, String email, String token) {}
