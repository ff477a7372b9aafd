package com.acme.callcenter.call;

import java.time.Duration;
import java.time.Instant;

/** One inbound call, from the moment the switch answers it until the caller hangs up. */
public class Call {

  private final String id;
  private final String callerPhone;
  private final Instant startedAt;
  private volatile String ivrOption;
  private volatile String customerNumber;
  private volatile String tier;
  private volatile Instant endedAt;

  public Call(String id, String callerPhone, Instant startedAt) {
    this.id = id;
    this.callerPhone = callerPhone;
    this.startedAt = startedAt;
  }

  public String getId() {
    return id;
  }

  /** The number the switch reported for the caller. */
  public String getCallerPhone() {
    return callerPhone;
  }

  public String getIvrOption() {
    return ivrOption;
  }

  void setIvrOption(String ivrOption) {
    this.ivrOption = ivrOption;
  }

  /** The customer the agent tied the call to; null until then. */
  public String getCustomerNumber() {
    return customerNumber;
  }

  public String getTier() {
    return tier;
  }

  void identify(String customerNumber, String tier) {
    this.customerNumber = customerNumber;
    this.tier = tier;
  }

  public boolean isEnded() {
    return endedAt != null;
  }

  void end(Instant at) {
    this.endedAt = at;
  }

  /** Whole seconds from answer to hang-up; 0 while the call lasts. */
  public long getDurationSeconds() {
    Instant end = endedAt;
    return end == null ? 0 : Duration.between(startedAt, end).toSeconds();
  }
}
