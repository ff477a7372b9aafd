package com.acme.callcenter.callback;

import java.time.Instant;

/** A promise to call a customer back on a number at a time. */
public record Callback(String id, String customerNumber, String phone, Instant due) {}
