package com.acme.callcenter.call;

import java.time.Duration;
import java.time.Instant;

/** One inbound call, from the moment the switch answers it until the caller hangs up. */
public class Call {

  private final String id;
  private final String callerPhone;
  private final Instant startedAt;
  private volatile String ivrOption;
  private volatile String identifiedPhone;
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

  /** The number the switch reported for the caller, as it reported it. */
  public String getCallerPhone() {
    return callerPhone;
  }

  /** The caller's IVR choice: {@code orders}, {@code billing} or {@code agent}; null until then. */
  public String getIvrOption() {
    return ivrOption;
  }

  void setIvrOption(String ivrOption) {
    this.ivrOption = ivrOption;
  }

  /**
   * The phone number the agent typed when tying the call to a customer, exactly as typed: it may
   * differ from {@link #getCallerPhone()}, and may even be the call center's own number.
   */
  public String getIdentifiedPhone() {
    return identifiedPhone;
  }

  /** The customer the agent tied the call to; null until then. */
  public String getCustomerNumber() {
    return customerNumber;
  }

  /** That customer's tier ({@code gold}, {@code silver}, {@code basic}); null until then. */
  public String getTier() {
    return tier;
  }

  void identify(String typedPhone, String customerNumber, String tier) {
    this.identifiedPhone = typedPhone;
    this.customerNumber = customerNumber;
    this.tier = tier;
  }

  public boolean isEnded() {
    return endedAt != null;
  }

  /** Records the hang-up; a call ends once, so a repeated hang-up keeps the first time. */
  synchronized void end(Instant at) {
    if (endedAt == null) {
      endedAt = at;
    }
  }

  /** Whole seconds from answer to hang-up; 0 while the call lasts. */
  public long getDurationSeconds() {
    Instant end = endedAt;
    return end == null ? 0 : Duration.between(startedAt, end).toSeconds();
  }
}
