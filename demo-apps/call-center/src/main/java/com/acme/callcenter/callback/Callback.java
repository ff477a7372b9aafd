package com.acme.callcenter.callback;

import java.time.Instant;

/** A promise to call a customer back on a number at a time, and why (null when nobody said). */
public record Callback(String id, String customerNumber, String phone, Instant due, String reason) {

  Callback withReason(String newReason) {
    return new Callback(id, customerNumber, phone, due, newReason);
  }
}
