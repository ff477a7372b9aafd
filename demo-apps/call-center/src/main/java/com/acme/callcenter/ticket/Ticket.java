package com.acme.callcenter.ticket;

/** A customer's problem, opened during a call and resolved later. */
public class Ticket {

  private final String id;
  private final String callId;
  private final String customerNumber;
  private final String tier;
  private final String subject;
  private volatile boolean resolved;

  public Ticket(String id, String callId, String customerNumber, String tier, String subject) {
    this.id = id;
    this.callId = callId;
    this.customerNumber = customerNumber;
    this.tier = tier;
    this.subject = subject;
  }

  public String getId() {
    return id;
  }

  public String getCallId() {
    return callId;
  }

  public String getCustomerNumber() {
    return customerNumber;
  }

  public String getTier() {
    return tier;
  }

  public String getSubject() {
    return subject;
  }

  public boolean isResolved() {
    return resolved;
  }

  void resolve() {
    this.resolved = true;
  }
}
